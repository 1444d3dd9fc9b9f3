package org.litmeter.infra.flink;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Where a Flink job keeps its keyed state, and the Flink options that say so. */
public enum StateBackend {
  /** On the JVM heap, checkpointed whole. */
  HASHMAP,
  /** In RocksDB on local disk, checkpointed incrementally: what production runs. */
  ROCKSDB;

  /** Flink's {@code state.backend.type} and {@code execution.checkpointing.incremental} for this backend. */
  public Map<String, String> options() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("state.backend.type", name().toLowerCase(Locale.ROOT));
    options.put("execution.checkpointing.incremental", Boolean.toString(this == ROCKSDB));
    return options;
  }
}

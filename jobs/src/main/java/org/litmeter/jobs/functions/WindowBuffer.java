package org.litmeter.jobs.functions;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;

/**
 * Keyed state holding the entries of each open window until it closes, laid out for RocksDB: an
 * entry is added with point writes only (its window's count, and the entry under (window, ordinal)),
 * and a closing window is read and removed with point reads, whatever other windows are open.
 * Keeping a window's entries as one list value instead would read and rewrite the list on every
 * add, which on RocksDB costs the square of the entries per window.
 */
final class WindowBuffer<T> {

  private final MapState<Long, Integer> counts;
  private final MapState<Tuple2<Long, Integer>, T> entries;

  WindowBuffer(RuntimeContext context, String name, TypeInformation<T> type) {
    counts = context.getMapState(new MapStateDescriptor<>(name + "-counts", Types.LONG, Types.INT));
    entries = context.getMapState(new MapStateDescriptor<>(name, Types.TUPLE(Types.LONG, Types.INT), type));
  }

  /** Adds an entry to the window starting at {@code windowStart}; true when it is the window's first. */
  boolean add(long windowStart, T entry) throws Exception {
    Integer count = counts.get(windowStart);
    int n = count == null ? 0 : count;
    entries.put(Tuple2.of(windowStart, n), entry);
    counts.put(windowStart, n + 1);
    return n == 0;
  }

  /** Removes and returns the entries of the window starting at {@code windowStart} in the order added; null when none. */
  List<T> take(long windowStart) throws Exception {
    Integer count = counts.get(windowStart);
    if (count == null) {
      return null;
    }
    List<T> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Tuple2<Long, Integer> key = Tuple2.of(windowStart, i);
      out.add(entries.get(key));
      entries.remove(key);
    }
    counts.remove(windowStart);
    return out;
  }
}

package org.litmeter.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;

/**
 * A sink that keeps what it receives in this JVM (the MiniCluster's), for tests. The job reuses
 * objects, so each record is turned into a value of its own as it arrives ({@code snapshot}); a
 * snapshot of null keeps nothing of that record.
 */
final class CollectingSink<T, R> implements Sink<T> {

  private static final Map<String, Queue<Object>> COLLECTED = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();
  private final SerializableFunction<T, R> snapshot;

  private CollectingSink(SerializableFunction<T, R> snapshot) {
    this.snapshot = snapshot;
    COLLECTED.put(id, new ConcurrentLinkedQueue<>());
  }

  /** Keeps {@code snapshot} of each record. */
  static <T, R> CollectingSink<T, R> of(SerializableFunction<T, R> snapshot) {
    return new CollectingSink<>(snapshot);
  }

  /** Keeps nothing: for the outputs a test does not look at. */
  static <T> CollectingSink<T, Void> discarding() {
    return new CollectingSink<>(r -> null);
  }

  /** What it received, in arrival order. */
  @SuppressWarnings("unchecked")
  List<R> collected() {
    return new ArrayList<>((Queue<R>) COLLECTED.get(id));
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    Queue<Object> queue = COLLECTED.get(id);
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context context) {
        R kept = snapshot.apply(element);
        if (kept != null) {
          queue.add(kept);
        }
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}

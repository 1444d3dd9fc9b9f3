package org.litmeter.jobs;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** A topic nothing was sent to: a bounded source that ends at once (a generator cannot be empty). */
final class EmptyTopicSource<T> implements Source<T, EmptyTopicSource.NoSplit, Void>, ResultTypeQueryable<T> {

  private final TypeInformation<T> type;

  EmptyTopicSource(TypeInformation<T> type) {
    this.type = type;
  }

  /** The split it never has. */
  static final class NoSplit implements SourceSplit {
    @Override
    public String splitId() {
      return "none";
    }
  }

  @Override
  public TypeInformation<T> getProducedType() {
    return type;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SourceReader<T, NoSplit> createReader(SourceReaderContext context) {
    return new SourceReader<>() {
      @Override
      public void start() {}

      @Override
      public InputStatus pollNext(ReaderOutput<T> output) {
        return InputStatus.END_OF_INPUT;
      }

      @Override
      public List<NoSplit> snapshotState(long checkpointId) {
        return List.of();
      }

      @Override
      public CompletableFuture<Void> isAvailable() {
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public void addSplits(List<NoSplit> splits) {}

      @Override
      public void notifyNoMoreSplits() {}

      @Override
      public void close() {}
    };
  }

  @Override
  public SplitEnumerator<NoSplit, Void> createEnumerator(SplitEnumeratorContext<NoSplit> context) {
    return new SplitEnumerator<>() {
      @Override
      public void start() {}

      @Override
      public void handleSplitRequest(int subtaskId, String requesterHostname) {}

      @Override
      public void addSplitsBack(List<NoSplit> splits, int subtaskId) {}

      @Override
      public void addReader(int subtaskId) {}

      @Override
      public Void snapshotState(long checkpointId) {
        return null;
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public SplitEnumerator<NoSplit, Void> restoreEnumerator(SplitEnumeratorContext<NoSplit> context, Void checkpoint) {
    return createEnumerator(context);
  }

  @Override
  public SimpleVersionedSerializer<NoSplit> getSplitSerializer() {
    return new Nothing<>(NoSplit::new);
  }

  @Override
  public SimpleVersionedSerializer<Void> getEnumeratorCheckpointSerializer() {
    return new Nothing<>(() -> null);
  }

  /** Writes nothing and reads back the one value there is. */
  private record Nothing<V>(Supplier<V> value) implements SimpleVersionedSerializer<V> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(V v) {
      return new byte[0];
    }

    @Override
    public V deserialize(int version, byte[] serialized) {
      return value.get();
    }
  }
}

package org.litmeter.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;
import org.junit.jupiter.api.Test;

/** The restored enumerator's readers learn, once each, that no split is coming, after discovery. */
class RestorableBoundedSourceTest {

  /** What the coordinator would do: runs async calls when told, records signals. */
  private static final class CoordinatorContext implements SplitEnumeratorContext<SourceSplit> {
    final List<Integer> signals = new ArrayList<>();
    final Map<Integer, ReaderInfo> readers = new TreeMap<>();
    Runnable pendingCall;

    @Override
    public void signalNoMoreSplits(int subtask) {
      signals.add(subtask);
    }

    @Override
    public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler) {
      pendingCall = () -> {
        try {
          handler.accept(callable.call(), null);
        } catch (Exception e) {
          handler.accept(null, e);
        }
      };
    }

    @Override
    public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler, long delay, long period) {
      throw new UnsupportedOperationException("a bounded source discovers once");
    }

    @Override
    public Map<Integer, ReaderInfo> registeredReaders() {
      return readers;
    }

    @Override
    public SplitEnumeratorMetricGroup metricGroup() {
      return null;
    }

    @Override
    public void sendEventToSourceReader(int subtask, SourceEvent event) {}

    @Override
    public int currentParallelism() {
      return 2;
    }

    @Override
    public void assignSplits(SplitsAssignment<SourceSplit> assignment) {}

    @Override
    public void runInCoordinatorThread(Runnable runnable) {
      runnable.run();
    }
  }

  /** Like the Kafka connector's restored enumerator: discovers once and, finding no change, says nothing. */
  private static final class SilentEnumerator implements SplitEnumerator<SourceSplit, String> {
    private final SplitEnumeratorContext<SourceSplit> context;
    final boolean signalsItself;

    SilentEnumerator(SplitEnumeratorContext<SourceSplit> context, boolean signalsItself) {
      this.context = context;
      this.signalsItself = signalsItself;
    }

    @Override
    public void start() {
      context.callAsync(() -> "no partition change", (result, error) -> { });
    }

    @Override
    public void addReader(int subtask) {
      if (signalsItself) {
        context.signalNoMoreSplits(subtask);
      }
    }

    @Override
    public void handleSplitRequest(int subtask, String host) {}

    @Override
    public void addSplitsBack(List<SourceSplit> splits, int subtask) {}

    @Override
    public String snapshotState(long checkpointId) {
      return "";
    }

    @Override
    public void close() {}
  }

  private static RestorableBoundedSource.SignallingEnumerator<SourceSplit, String> restored(
      CoordinatorContext coordinator, boolean delegateSignals) {
    RestorableBoundedSource.SignallingContext<SourceSplit> context =
        new RestorableBoundedSource.SignallingContext<>(coordinator);
    return new RestorableBoundedSource.SignallingEnumerator<>(new SilentEnumerator(context, delegateSignals), context);
  }

  @Test
  void readersRegisteredBeforeDiscoveryHearAfterItAndLaterOnesAtOnce() {
    CoordinatorContext coordinator = new CoordinatorContext();
    var enumerator = restored(coordinator, false);
    enumerator.start();
    coordinator.readers.put(0, new ReaderInfo(0, "tm-1"));
    enumerator.addReader(0);
    assertThat(coordinator.signals).as("nothing before discovery ran").isEmpty();
    coordinator.pendingCall.run();
    assertThat(coordinator.signals).containsExactly(0);
    coordinator.readers.put(1, new ReaderInfo(1, "tm-2"));
    enumerator.addReader(1);
    assertThat(coordinator.signals).containsExactly(0, 1);
  }

  @Test
  void aReaderIsNeverToldTwiceButANewAttemptOfItIsToldAgain() {
    CoordinatorContext coordinator = new CoordinatorContext();
    var enumerator = restored(coordinator, true);
    enumerator.start();
    coordinator.pendingCall.run();
    coordinator.readers.put(0, new ReaderInfo(0, "tm-1"));
    enumerator.addReader(0);
    assertThat(coordinator.signals).as("the enumerator signalled; no duplicate").containsExactly(0);
    enumerator.addReader(0);
    assertThat(coordinator.signals).as("a failed-over reader attempt registers again").containsExactly(0, 0);
  }
}

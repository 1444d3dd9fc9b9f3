package org.litmeter.jobs.io;

import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;

/**
 * A bounded source that still finishes after it was restored from a checkpoint or savepoint.
 *
 * <p>The Kafka connector's enumerator, recreated from state with every partition already assigned,
 * never tells the readers that no more splits will come (FLINK-31006, FLINK-33466), so a bounded
 * job resumed from a checkpoint reads to its stopping offsets and then waits forever. Around a
 * restored enumerator this source tells each registered reader so itself, once the enumerator's
 * one-time partition discovery has run (so that any split it still assigns comes first), and never
 * twice to the same reader attempt. Fresh enumerators, and unbounded sources, are left alone.
 */
public final class RestorableBoundedSource<T, S extends SourceSplit, E> implements Source<T, S, E> {

  private static final long serialVersionUID = 1L;

  private final Source<T, S, E> delegate;

  public RestorableBoundedSource(Source<T, S, E> delegate) {
    this.delegate = delegate;
  }

  @Override
  public Boundedness getBoundedness() {
    return delegate.getBoundedness();
  }

  @Override
  public SourceReader<T, S> createReader(SourceReaderContext context) throws Exception {
    return delegate.createReader(context);
  }

  @Override
  public SplitEnumerator<S, E> createEnumerator(SplitEnumeratorContext<S> context) throws Exception {
    return delegate.createEnumerator(context);
  }

  @Override
  public SplitEnumerator<S, E> restoreEnumerator(SplitEnumeratorContext<S> context, E checkpoint) throws Exception {
    if (getBoundedness() != Boundedness.BOUNDED) {
      return delegate.restoreEnumerator(context, checkpoint);
    }
    SignallingContext<S> signalling = new SignallingContext<>(context);
    return new SignallingEnumerator<>(delegate.restoreEnumerator(signalling, checkpoint), signalling);
  }

  @Override
  public SimpleVersionedSerializer<S> getSplitSerializer() {
    return delegate.getSplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<E> getEnumeratorCheckpointSerializer() {
    return delegate.getEnumeratorCheckpointSerializer();
  }

  /** The enumerator's context, which notices the end of the one-time discovery and every signal sent. */
  static final class SignallingContext<S extends SourceSplit> implements SplitEnumeratorContext<S> {
    private final SplitEnumeratorContext<S> context;
    private final Set<Integer> signalled = new HashSet<>();
    private boolean discovered;

    SignallingContext(SplitEnumeratorContext<S> context) {
      this.context = context;
    }

    /** A new attempt of the reader: it has not been told yet. */
    void forget(int subtask) {
      signalled.remove(subtask);
    }

    /** A reader (attempt) registered and got what the enumerator had for it. */
    void registered(int subtask) {
      if (discovered) {
        signalNoMoreSplits(subtask);
      }
    }

    @Override
    public void signalNoMoreSplits(int subtask) {
      if (signalled.add(subtask)) {
        context.signalNoMoreSplits(subtask);
      }
    }

    @Override
    public <V> void callAsync(Callable<V> callable, BiConsumer<V, Throwable> handler) {
      context.callAsync(callable, (result, error) -> {
        handler.accept(result, error);
        if (error == null) {
          discovered = true;
          context.registeredReaders().keySet().forEach(this::signalNoMoreSplits);
        }
      });
    }

    @Override
    public <V> void callAsync(Callable<V> callable, BiConsumer<V, Throwable> handler, long initialDelay,
        long period) {
      context.callAsync(callable, handler, initialDelay, period);
    }

    @Override
    public SplitEnumeratorMetricGroup metricGroup() {
      return context.metricGroup();
    }

    @Override
    public void sendEventToSourceReader(int subtask, SourceEvent event) {
      context.sendEventToSourceReader(subtask, event);
    }

    @Override
    public void sendEventToSourceReader(int subtask, int attempt, SourceEvent event) {
      context.sendEventToSourceReader(subtask, attempt, event);
    }

    @Override
    public int currentParallelism() {
      return context.currentParallelism();
    }

    @Override
    public Map<Integer, ReaderInfo> registeredReaders() {
      return context.registeredReaders();
    }

    @Override
    public Map<Integer, Map<Integer, ReaderInfo>> registeredReadersOfAttempts() {
      return context.registeredReadersOfAttempts();
    }

    @Override
    public void assignSplits(SplitsAssignment<S> assignment) {
      context.assignSplits(assignment);
    }

    @Override
    public void runInCoordinatorThread(Runnable runnable) {
      context.runInCoordinatorThread(runnable);
    }

    @Override
    public void setIsProcessingBacklog(boolean isProcessingBacklog) {
      context.setIsProcessingBacklog(isProcessingBacklog);
    }
  }

  /** The restored enumerator, telling each reader that registers once discovery is done. */
  static final class SignallingEnumerator<S extends SourceSplit, E> implements SplitEnumerator<S, E> {
    private final SplitEnumerator<S, E> enumerator;
    private final SignallingContext<S> context;

    SignallingEnumerator(SplitEnumerator<S, E> enumerator, SignallingContext<S> context) {
      this.enumerator = enumerator;
      this.context = context;
    }

    @Override
    public void start() {
      enumerator.start();
    }

    @Override
    public void addReader(int subtask) {
      context.forget(subtask);
      enumerator.addReader(subtask);
      context.registered(subtask);
    }

    @Override
    public void handleSplitRequest(int subtask, String hostname) {
      enumerator.handleSplitRequest(subtask, hostname);
    }

    @Override
    public void addSplitsBack(java.util.List<S> splits, int subtask) {
      enumerator.addSplitsBack(splits, subtask);
    }

    @Override
    public E snapshotState(long checkpointId) throws Exception {
      return enumerator.snapshotState(checkpointId);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
      enumerator.notifyCheckpointComplete(checkpointId);
    }

    @Override
    public void handleSourceEvent(int subtask, SourceEvent event) {
      enumerator.handleSourceEvent(subtask, event);
    }

    @Override
    public void close() throws IOException {
      enumerator.close();
    }
  }
}

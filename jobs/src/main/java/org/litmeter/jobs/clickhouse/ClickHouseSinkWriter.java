package org.litmeter.jobs.clickhouse;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.litmeter.infra.clickhouse.ClickHouseEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer of {@link ClickHouseSink}. It fills one batch while the previous one is being
 * inserted by a background thread (at most one insert in flight), so the task does not stop for
 * ClickHouse; a new batch waits for the previous insert, which is the back-pressure when ClickHouse
 * is slow. Everything else runs in the task's mailbox thread, timers included.
 */
final class ClickHouseSinkWriter<T> implements SinkWriter<T> {

  private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSinkWriter.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  private static final long IN_FLIGHT_RECHECK_MILLIS = 20;

  private final ClickHouseTable<T> table;
  private final ClickHouseSink.Settings settings;
  private final ProcessingTimeService time;
  private final RowBinaryInserter inserter;
  private final ExecutorService insertThread;
  private final Counter rowsWritten;
  private final Counter insertRetries;
  /** Time from handing a batch to the insert thread to ClickHouse accepting it, retries included. */
  private final Histogram insertMillis;
  private RowBinaryWriter batch = new RowBinaryWriter(1 << 20);
  private RowBinaryWriter spare = new RowBinaryWriter(1 << 20);
  private CompletableFuture<Inserted> inFlight = CompletableFuture.completedFuture(Inserted.NOTHING);
  private boolean timerPending;

  ClickHouseSinkWriter(ClickHouseEndpoint endpoint, ClickHouseTable<T> table, ClickHouseSink.Settings settings,
      ProcessingTimeService time, SinkWriterMetricGroup metrics) {
    this.table = table;
    this.settings = settings;
    this.time = time;
    this.inserter = new RowBinaryInserter(endpoint);
    this.insertThread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "clickhouse-insert-" + table.table());
      t.setDaemon(true);
      return t;
    });
    this.rowsWritten = metrics.getNumRecordsSendCounter();
    this.insertRetries = metrics.counter("clickhouseInsertRetries");
    this.insertMillis = metrics.histogram("clickhouseInsertMillis", new DescriptiveStatisticsHistogram(1000));
  }

  @Override
  public void write(T element, Context context) throws IOException, InterruptedException {
    table.encode(element, batch);
    if (batch.rows() >= settings.batchRows()) {
      sendBatch();
    } else if (!timerPending) {
      armTimer(settings.maxDelay().toMillis());
    }
  }

  /**
   * Sends a partial batch once {@code maxDelay} has passed; while an insert is still in flight it
   * looks again shortly instead of waiting for it, so that the task keeps working meanwhile.
   */
  private void armTimer(long delayMillis) {
    timerPending = true;
    time.registerTimer(time.getCurrentProcessingTime() + delayMillis, now -> {
      timerPending = false;
      if (!inFlight.isDone()) {
        armTimer(IN_FLIGHT_RECHECK_MILLIS);
      } else {
        sendBatch();
      }
    });
  }

  /** At a checkpoint and at the end of input: everything written so far is in ClickHouse when this returns. */
  @Override
  public void flush(boolean endOfInput) throws IOException, InterruptedException {
    sendBatch();
    awaitInFlight();
  }

  /** Hands the current batch to the insert thread, after the previous insert finished. */
  private void sendBatch() throws IOException, InterruptedException {
    if (batch.rows() == 0) {
      return;
    }
    awaitInFlight();
    RowBinaryWriter sending = batch;
    batch = spare;
    spare = sending;
    inFlight = CompletableFuture.supplyAsync(() -> insertWithRetries(sending), insertThread);
  }

  private void awaitInFlight() throws IOException, InterruptedException {
    try {
      Inserted done = inFlight.get();
      rowsWritten.inc(done.rows());
      if (done.rows() > 0) {
        insertMillis.update(done.millis());
      }
      insertRetries.inc(done.retries());
      inFlight = CompletableFuture.completedFuture(Inserted.NOTHING);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof IOException io ? io : new IOException(cause);
    }
  }

  /** What an insert did, counted in the mailbox thread (metrics are not thread-safe). */
  private record Inserted(int rows, int retries, long millis) {
    static final Inserted NOTHING = new Inserted(0, 0, 0);
  }

  /** Runs on the insert thread; leaves the batch empty. */
  private Inserted insertWithRetries(RowBinaryWriter rows) {
    long started = System.nanoTime();
    long deadline = started + settings.retryFor().toNanos();
    long backoffMillis = 200;
    int retries = 0;
    while (true) {
      try {
        inserter.insert(table.table(), table.columns(), rows);
        Inserted inserted = new Inserted(rows.rows(), retries, (System.nanoTime() - started) / 1_000_000);
        rows.clear();
        return inserted;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new CompletionException(new IOException("ClickHouse insert into "
              + table.table() + " kept failing for " + settings.retryFor()
              + "; failing so that the job restarts from its last checkpoint", e));
        }
        retries++;
        LOG.warn("insert of {} rows into {} failed ({}); retrying in {} ms", rows.rows(), table.table(),
            e.getMessage(), backoffMillis);
        try {
          Thread.sleep(backoffMillis);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new CompletionException(interrupted);
        }
        backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
      }
    }
  }

  @Override
  public void close() throws Exception {
    insertThread.shutdownNow();
    inserter.close();
  }
}

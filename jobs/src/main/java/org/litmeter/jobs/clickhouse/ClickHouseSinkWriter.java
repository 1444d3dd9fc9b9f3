package org.litmeter.jobs.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.litmeter.infra.clickhouse.ClickHouseEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The writer of {@link ClickHouseSink}; runs in the task's mailbox thread, timers included. */
final class ClickHouseSinkWriter<T> implements SinkWriter<T> {

  private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSinkWriter.class);
  private static final Duration INSERT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final ClickHouseTable<T> table;
  private final ClickHouseSink.Settings settings;
  private final ProcessingTimeService time;
  private final Client client;
  private final RowBinaryWriter batch = new RowBinaryWriter(1 << 20);
  private final Counter rowsWritten;
  private final Counter insertRetries;
  private boolean timerPending;

  ClickHouseSinkWriter(ClickHouseEndpoint endpoint, ClickHouseTable<T> table, ClickHouseSink.Settings settings,
      ProcessingTimeService time, SinkWriterMetricGroup metrics) {
    this.table = table;
    this.settings = settings;
    this.time = time;
    this.client = endpoint.newClient(INSERT_TIMEOUT);
    this.rowsWritten = metrics.getNumRecordsSendCounter();
    this.insertRetries = metrics.counter("clickhouseInsertRetries");
  }

  @Override
  public void write(T element, Context context) throws IOException, InterruptedException {
    table.encode(element, batch);
    if (batch.rows() >= settings.batchRows()) {
      flushBatch();
    } else if (!timerPending) {
      timerPending = true;
      time.registerTimer(time.getCurrentProcessingTime() + settings.maxDelay().toMillis(), now -> {
        timerPending = false;
        flushBatch();
      });
    }
  }

  @Override
  public void flush(boolean endOfInput) throws IOException, InterruptedException {
    flushBatch();
  }

  private void flushBatch() throws IOException, InterruptedException {
    if (batch.rows() == 0) {
      return;
    }
    long deadline = System.nanoTime() + settings.retryFor().toNanos();
    long backoffMillis = 200;
    while (true) {
      try {
        insert();
        rowsWritten.inc(batch.rows());
        batch.clear();
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new IOException("ClickHouse insert into " + table.table() + " kept failing for "
              + settings.retryFor() + "; failing so that the job restarts from its last checkpoint", e);
        }
        insertRetries.inc();
        LOG.warn("insert of {} rows into {} failed ({}); retrying in {} ms", batch.rows(), table.table(),
            e.getMessage(), backoffMillis);
        Thread.sleep(backoffMillis);
        backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
      }
    }
  }

  private void insert() throws IOException, InterruptedException {
    try (InputStream rows = batch.asInputStream();
        InsertResponse ignored = client.insert(table.table(), table.columns(), rows, ClickHouseFormat.RowBinary,
            new InsertSettings()).get(INSERT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      // the response carries no information 18.16 fills in
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IOException(String.valueOf(cause), cause);
    } catch (Exception e) {
      throw new IOException("closing the insert response failed", e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}

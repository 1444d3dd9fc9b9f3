package org.litmeter.jobs.clickhouse;

import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.litmeter.infra.clickhouse.ClickHouseEndpoint;

/**
 * A Flink Sink V2 that writes records into one ClickHouse table with the official client-v2, in
 * RowBinary batches. It flushes when a batch is full, at every checkpoint (so everything before a
 * checkpoint is in ClickHouse when the checkpoint completes), and after {@code maxDelay} so rows
 * are visible soon. Rows are deterministic and the tables are ReplacingMergeTree: what a restart
 * writes again replaces what was there, which makes the results effectively exactly-once.
 */
public final class ClickHouseSink<T> implements Sink<T> {

  private static final long serialVersionUID = 1L;

  /** Batching and retry settings. */
  public record Settings(int batchRows, Duration maxDelay, Duration retryFor) implements java.io.Serializable {
    public static Settings defaults() {
      return new Settings(50_000, Duration.ofSeconds(1), Duration.ofMinutes(2));
    }
  }

  private final ClickHouseEndpoint endpoint;
  private final ClickHouseTable<T> table;
  private final Settings settings;

  public ClickHouseSink(ClickHouseEndpoint endpoint, ClickHouseTable<T> table, Settings settings) {
    this.endpoint = endpoint;
    this.table = table;
    this.settings = settings;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    return new ClickHouseSinkWriter<>(endpoint, table, settings, context.getProcessingTimeService(),
        context.metricGroup());
  }
}

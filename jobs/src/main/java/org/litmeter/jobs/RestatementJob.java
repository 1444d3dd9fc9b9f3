package org.litmeter.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.litmeter.infra.clickhouse.ClickHouseEndpoint;
import org.litmeter.infra.kafka.KafkaConnection;
import org.litmeter.jobs.alerting.AlertDelivery;
import org.litmeter.jobs.io.KafkaIo;
import org.litmeter.jobs.io.SamplesTableSource;
import org.litmeter.rates.DeviceHistory;
import org.litmeter.rates.Publication;

/**
 * The rates job over stored history: a restatement or a backfill. The same topology as the live
 * job ({@link RatesJob#build}), bounded: telemetry is every sample stored in {@code litmeter.samples}
 * for the range and the day before it, read in event-time order ({@link SamplesTableSource}), so a sample that reached
 * Kafka late counts as if it had come in time; inventory, leases and the registry are the whole
 * reference topics, read from the start, so a device's history before the range is known. The rows
 * of the range are written at the restatement's revision ({@link Publication}); samples, device
 * events and the registry are not written again.
 */
public final class RestatementJob {

  private static final long DAY = 86_400_000L;

  private RestatementJob() {}

  /** Sources for samples in {@code [fromMillis, toMillis)}; the telemetry source has one subtask. */
  public static RatesJob.Sources sources(KafkaConnection kafka, ClickHouseEndpoint clickhouse, RatesJobConfig config,
      long fromMillis, long toMillis) {
    // a group of its own each time, so that every run reads the reference topics from their start
    KafkaIo reference = new KafkaIo(kafka, "litmeter-restatement-" + UUID.randomUUID(), true,
        config.maxClockSkew());
    RatesJob.Sources topics = RatesJob.sources(reference, config.parallelism());
    // a day more before the range: a device's first window in it is judged against its last one before
    // (dropouts, error episodes, resets: DeviceHistory.CONTINUITY); those windows are not published
    return new RatesJob.Sources(
        new SamplesTableSource(clickhouse, fromMillis - DeviceHistory.CONTINUITY, toMillis, DAY),
        topics.inventory(), topics.leases(), topics.registry(), null,
        new RatesJob.Parallelism(1, topics.parallelism().inventory(), topics.parallelism().leases(),
            topics.parallelism().registry()));
  }

  /**
   * The live job's rates, alerts and dead-letter table sinks; samples, the registry, device events and
   * the dead-letter topic are not written again, and old findings are not sent to Alertmanager.
   */
  public static RatesJob.Sinks sinks(KafkaConnection kafka, ClickHouseEndpoint clickhouse, RatesJobConfig config) {
    RatesJob.Sinks live = RatesJob.kafkaAndClickHouseSinks(
        new KafkaIo(kafka, "litmeter-restatement", true, config.maxClockSkew()), clickhouse, config, AlertDelivery.none());
    return new RatesJob.Sinks(new DiscardingSink<>(), live.ratesTable(), live.ratesTopic(), live.modelRatesTable(),
        live.tenantUsageTable(), new DiscardingSink<>(),
        new DiscardingSink<>(), live.deadLetterTable(), new DiscardingSink<>(), live.alertTable(), live.alertTopic(),
        AlertDelivery.none());
  }

  /**
   * Starts a restatement on a MiniCluster in this JVM; returns at once with the running job. Reads
   * the samples of {@code [publication.fromMillis(), publication.toMillis())}.
   */
  public static JobClient startEmbedded(KafkaConnection kafka, ClickHouseEndpoint clickhouse, RatesJobConfig config,
      Publication publication, Path checkpoints) throws Exception {
    // one source read in event-time order: nothing to align (alignment would pause it every few hours of event time)
    RatesJobConfig bounded = config.withoutIdleness().withMaxPartitionDrift(Duration.ZERO);
    StreamExecutionEnvironment env = EmbeddedRatesJob.localEnvironment(bounded.parallelism(), checkpoints, 0);
    RatesJob.configure(env, bounded);
    RatesJob.build(env, sources(kafka, clickhouse, bounded, publication.fromMillis(), publication.toMillis()),
        sinks(kafka, clickhouse, bounded), bounded, publication);
    return env.executeAsync("litmeter restatement " + publication.revision());
  }
}

package org.litmeter.jobs;

import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.litmeter.infra.clickhouse.ClickHouseEndpoint;
import org.litmeter.infra.kafka.KafkaConnection;
import org.litmeter.jobs.alerting.AlertDelivery;
import org.litmeter.jobs.io.KafkaIo;

/** Runs the rates job inside this JVM on a Flink MiniCluster: for the demo, the benchmarks and tests. */
public final class EmbeddedRatesJob {

  private EmbeddedRatesJob() {}

  /**
   * Starts the job reading Kafka and writing ClickHouse; returns at once with the running job.
   *
   * @param bounded stop at the end of what the topics hold now, closing every window
   * @param checkpoints directory for checkpoints
   */
  public static JobClient start(String bootstrapServers, ClickHouseEndpoint clickhouse, String groupId,
      boolean bounded, RatesJobConfig config, Path checkpoints) throws Exception {
    return start(bootstrapServers, clickhouse, groupId, bounded, config, checkpoints, 0);
  }

  /** As {@link #start}, with Flink's REST API on {@code restPort} (0: a free port). */
  public static JobClient start(String bootstrapServers, ClickHouseEndpoint clickhouse, String groupId,
      boolean bounded, RatesJobConfig config, Path checkpoints, int restPort) throws Exception {
    return start(KafkaConnection.plain(bootstrapServers), clickhouse, groupId, bounded, config, checkpoints, restPort,
        AlertDelivery.none(), 0);
  }

  /**
   * As {@link #start}, delivering alerts to Alertmanager or a webhook as {@code delivery} says, with
   * Flink's metrics (the job's own among them) for Prometheus on {@code http://host:metricsPort/metrics}
   * (0: none). Flink's reporter takes a port but no address, so it listens on every interface.
   */
  public static JobClient start(KafkaConnection kafkaCluster, ClickHouseEndpoint clickhouse, String groupId,
      boolean bounded, RatesJobConfig config, Path checkpoints, int restPort, AlertDelivery delivery,
      int metricsPort) throws Exception {
    StreamExecutionEnvironment env = localEnvironment(config.parallelism(), checkpoints, restPort, metricsPort);
    RatesJob.configure(env, config);
    KafkaIo kafka = new KafkaIo(kafkaCluster, groupId, bounded, config.maxClockSkew());
    RatesJob.build(env, RatesJob.sources(kafka, config.parallelism()),
        RatesJob.kafkaAndClickHouseSinks(kafka, clickhouse, config, delivery), config);
    return env.executeAsync("litmeter");
  }

  /** A MiniCluster environment sized for a shared laptop-class machine, restarting failed jobs with back-off. */
  public static StreamExecutionEnvironment localEnvironment(int parallelism, Path checkpoints, int restPort) {
    return localEnvironment(parallelism, checkpoints, restPort, 0);
  }

  /** As {@link #localEnvironment(int, Path, int)}, with Flink's Prometheus reporter on {@code metricsPort} (0: none). */
  public static StreamExecutionEnvironment localEnvironment(int parallelism, Path checkpoints, int restPort,
      int metricsPort) {
    Configuration conf = new Configuration();
    if (metricsPort > 0) {
      conf.setString("metrics.reporter.prom.factory.class",
          "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
      conf.setString("metrics.reporter.prom.port", Integer.toString(metricsPort));
    }
    conf.setString("rest.port", Integer.toString(restPort));
    conf.setString("rest.bind-address", "127.0.0.1");
    // RocksDB's memtables and block cache come out of managed memory, shared by the state of every
    // operator in a slot (as on the multi-process cluster); the heap backend never takes any of it
    conf.setString("taskmanager.memory.managed.size", "192m");
    conf.setString("taskmanager.memory.network.min", "64m");
    conf.setString("taskmanager.memory.network.max", "64m");
    conf.setString("execution.checkpointing.dir", checkpoints.toUri().toString());
    conf.setString("restart-strategy.type", "exponential-delay");
    conf.setString("restart-strategy.exponential-delay.initial-backoff", "1 s");
    conf.setString("restart-strategy.exponential-delay.max-backoff", "10 s");
    conf.setString("restart-strategy.exponential-delay.attempts-before-reset-backoff", "1000");
    return StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
  }
}

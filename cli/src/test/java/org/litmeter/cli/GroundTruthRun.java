package org.litmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.litmeter.infra.clickhouse.ClickHouseEndpoint;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.infra.kafka.KafkaConnection;
import org.litmeter.simulation.GroundTruth;
import org.litmeter.simulation.TruthCheck;
import org.litmeter.jobs.EmbeddedRatesJob;
import org.litmeter.jobs.RatesJobConfig;
import org.litmeter.jobs.alerting.AlertDelivery;

/** The pipeline tests' two steps: run the rates job over what Kafka holds, and compare with the simulator. */
final class GroundTruthRun {

  private GroundTruthRun() {}

  /** The rates job, bounded, parallelism 2, on a MiniCluster, until it has read what the topics hold now. */
  static void runBoundedJob(String kafka, ClickHouseEndpoint clickhouse, String groupId, Path dir) throws Exception {
    runBoundedJob(KafkaConnection.plain(kafka), clickhouse, groupId, dir);
  }

  /** As {@link #runBoundedJob(String, ClickHouseEndpoint, String, Path)} on a cluster reached with its security properties. */
  static void runBoundedJob(KafkaConnection kafka, ClickHouseEndpoint clickhouse, String groupId, Path dir)
      throws Exception {
    EmbeddedRatesJob.start(kafka, clickhouse, groupId, true,
        RatesJobConfig.defaults().withoutIdleness().withParallelism(2),
        Files.createDirectories(dir.resolve("checkpoints")), 0, AlertDelivery.none(), 0)
        .getJobExecutionResult().get(10, TimeUnit.MINUTES);
  }

  /** Every rates row in ClickHouse equals the ground truth, none missing or extra, and so do the dead letters by reason. */
  static void assertExactlyTheGroundTruth(GroundTruth truth, ClickHouseSql sql) {
    TruthCheck.Report check = TruthCheck.compare(truth, sql);
    assertThat(check.differences(20)).isEmpty();
    assertThat(check.exact()).isTrue();
    assertThat(TruthCheck.deadLettersByReason(sql)).isEqualTo(new TreeMap<>(truth.expectedDeadLetters()));
  }
}

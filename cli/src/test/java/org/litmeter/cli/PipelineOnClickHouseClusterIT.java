package org.litmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.litmeter.infra.clickhouse.ClickHouseAccess;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.ingest.kafka.RecordProducer;
import org.litmeter.simulation.FleetSimulator;
import org.litmeter.simulation.GroundTruth;
import org.litmeter.simulation.SimulationConfig;
import org.litmeter.testkit.KafkaBrokerExtension;
import org.litmeter.testkit.LocalClickHouseCluster;

/**
 * The rates job writing, unchanged, into a ClickHouse cluster laid out by the cluster DDL (two
 * shards, Distributed tables in front, the registry replicated, a real ZooKeeper) as the
 * pipeline's writer, through one server; every rates row and dead letter read through the other
 * server equals the simulator's ground truth.
 */
class PipelineOnClickHouseClusterIT {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(2);

  @TempDir
  Path dir;

  @Test
  void theJobWritesThroughOneServerAndTheOtherServerReadsExactlyTheGroundTruth() throws Exception {
    GroundTruth truth;
    try (RecordProducer producer = new RecordProducer(KAFKA.bootstrapServers(), "cluster-it")) {
      truth = new FleetSimulator(SimulationConfig.of(3, 16, Duration.ofHours(6), 17)).run(producer::send);
    }
    try (LocalClickHouseCluster cluster = LocalClickHouseCluster.start(dir.resolve("clickhouse"), 2)) {
      GroundTruthRun.runBoundedJob(KAFKA.bootstrapServers(),
          cluster.servers().get(0).endpointAs(ClickHouseAccess.WRITER), "cluster-it", dir);
      try (ClickHouseSql other = new ClickHouseSql(cluster.servers().get(1).endpoint())) {
        other.execute("SYSTEM SYNC REPLICA litmeter.centers");
        assertThat(other.scalarLong("SELECT count() FROM litmeter_local.rates")).as("this shard's own rows")
            .isPositive();
        GroundTruthRun.assertExactlyTheGroundTruth(truth, other);
      }
    }
  }
}

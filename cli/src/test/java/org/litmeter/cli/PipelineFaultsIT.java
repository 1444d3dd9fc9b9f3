package org.litmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.infra.flink.FlinkRestClient;
import org.litmeter.infra.local.FreePorts;
import org.litmeter.infra.local.LocalFlinkCluster;
import org.litmeter.infra.local.LocalStack;
import org.litmeter.ingest.kafka.RecordProducer;
import org.litmeter.simulation.FleetSimulator;
import org.litmeter.simulation.GroundTruth;
import org.litmeter.simulation.SimulationConfig;
import org.litmeter.simulation.TruthCheck;

/**
 * The packaged job on a real multi-process Flink cluster (a JobManager and two TaskManagers, each
 * its own JVM), submitted with {@code ./litmeter job submit} over a simulated fleet in a real Kafka,
 * writing to a real ClickHouse, with state in RocksDB and incremental checkpoints. Each test injects one fault while the job works, lets the job
 * finish, and compares ClickHouse with the simulator's ground truth: every rates row exact, none
 * missing, none extra after dedup, and every dead letter with its reason.
 */
class PipelineFaultsIT {

  private static final Pattern JOB_ID = Pattern.compile("submitted job ([0-9a-f]{32})");

  @TempDir
  Path dir;

  /** What a test does to the running pipeline; returns the job that must finish (the same or a new one). */
  private interface Fault {
    String inject(LocalStack stack, LocalFlinkCluster cluster, String jobId) throws Exception;
  }

  /** A finished, checked run, for checks of its own. */
  private record Run(LocalStack stack, LocalFlinkCluster cluster, ClickHouseSql sql, GroundTruth truth, String jobId) {}

  private interface AfterRun {
    void check(Run run) throws Exception;
  }

  @Test
  void aTaskManagerKilledWithSigkillAndRestartedThenAFreshRunOverTheRetainedTopics() throws Exception {
    runWithFault((stack, cluster, jobId) -> {
      cluster.killTaskManager(1);
      Thread.sleep(3_000);
      cluster.startTaskManager(1);
      return jobId;
    }, run -> {
      assertThat(run.cluster().rest().exceptions(run.jobId())).as("Flink saw the TaskManager go")
          .containsPattern("(?i)taskmanager|heartbeat|connection|lost");
      // from scratch over the retained topics (a new consumer group): the same rows, no duplicate after FINAL
      Map<String, String> before = TruthCheck.actualRows(run.sql());
      String again = submit(run.cluster(), run.stack(), "faults-fresh");
      run.cluster().rest().awaitState(again, Duration.ofMinutes(5), "FINISHED");
      assertThat(TruthCheck.actualRows(run.sql())).isEqualTo(before);
      assertThat(TruthCheck.deadLettersByReason(run.sql())).isEqualTo(new TreeMap<>(run.truth().expectedDeadLetters()));
    });
  }

  @Test
  void clickHouseStoppedForSixtySecondsAndRestarted() throws Exception {
    runWithFault((stack, cluster, jobId) -> {
      stack.clickhouse().stop();
      Thread.sleep(60_000);
      stack.clickhouse().start();
      return jobId;
    }, run -> { });
  }

  @Test
  void theKafkaBrokerStoppedAndRestarted() throws Exception {
    runWithFault((stack, cluster, jobId) -> {
      stack.kafka().stop();
      Thread.sleep(10_000);
      stack.kafka().start();
      return jobId;
    }, run -> { });
  }

  @Test
  void theJobCancelledAndResubmittedFromItsLastCheckpoint() throws Exception {
    AtomicReference<String> checkpointUsed = new AtomicReference<>();
    runWithFault((stack, cluster, jobId) -> {
      FlinkRestClient rest = cluster.rest();
      rest.cancel(jobId);
      rest.awaitState(jobId, Duration.ofMinutes(1), "CANCELED");
      String checkpoint = rest.latestCheckpointPath(jobId);
      assertThat(checkpoint).contains(cluster.checkpoints().getFileName().toString());
      checkpointUsed.set(checkpoint);
      return submit(cluster, stack, "faults-it", "--from-savepoint", checkpoint);
    }, run -> assertThat(run.cluster().rest().restoredFrom(run.jobId())).as("resumed, not started over")
        .isEqualTo(checkpointUsed.get()));
  }

  private void runWithFault(Fault fault, AfterRun after) throws Exception {
    try (LocalStack stack = LocalStack.start(dir, true, 2);
        LocalFlinkCluster cluster = LocalFlinkCluster.start(dir.resolve("flink"), 2, 1);
        ClickHouseSql sql = new ClickHouseSql(stack.clickhouse().endpoint())) {
      GroundTruth truth;
      try (RecordProducer producer = new RecordProducer(stack.kafka().bootstrapServers(), "faults-it")) {
        truth = new FleetSimulator(SimulationConfig.of(3, 64, Duration.ofHours(24), 11)).run(producer::send);
      }
      FlinkRestClient rest = cluster.rest();
      String jobId = submit(cluster, stack, "faults-it");
      rest.awaitState(jobId, Duration.ofMinutes(2), "RUNNING");
      FreePorts.await("a checkpoint and rates in ClickHouse", Duration.ofMinutes(3), () -> {
        try {
          return rest.completedCheckpoints(jobId) >= 1
              && sql.scalarLong("SELECT count() FROM litmeter.rates WHERE resolution = '5m'") > 0;
        } catch (Exception e) {
          return false;
        }
      });
      assertThat(rest.jobState(jobId)).as("the job is still working when the fault hits").isEqualTo("RUNNING");
      assertThat(rest.stateBackend(jobId)).as("as in production").isEqualTo("EmbeddedRocksDBStateBackend");
      String finishing = fault.inject(stack, cluster, jobId);
      rest.awaitState(finishing, Duration.ofMinutes(6), "FINISHED");

      GroundTruthRun.assertExactlyTheGroundTruth(truth, sql);
      after.check(new Run(stack, cluster, sql, truth, finishing));

    }
  }

  /** Submits the packaged job as a user would, with {@code ./litmeter job submit}; returns its id. */
  private static String submit(LocalFlinkCluster cluster, LocalStack stack, String groupId, String... more) {
    List<String> args = new ArrayList<>(List.of("job", "submit", "--flink", cluster.restUrl().toString(),
        "--kafka", stack.kafka().bootstrapServers(), "--clickhouse", stack.clickhouse().endpoint().url(),
        "--parallelism", "2", "--checkpoint-interval", "2s", "--group-id", groupId, "--bounded"));
    args.addAll(List.of(more));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    String out = run.output();
    assertThat(run.exit()).as(out).isZero();
    Matcher m = JOB_ID.matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return m.group(1);
  }
}

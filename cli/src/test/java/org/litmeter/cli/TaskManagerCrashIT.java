package org.litmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
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
import org.litmeter.ingest.sim.FleetSimulator;
import org.litmeter.ingest.sim.GroundTruth;
import org.litmeter.ingest.sim.SimulationConfig;
import org.litmeter.ingest.sim.TruthCheck;
import picocli.CommandLine;

/**
 * The packaged job on a real multi-process Flink cluster (a JobManager and two TaskManagers, each
 * its own JVM), submitted with {@code ./litmeter job submit}; a TaskManager is killed with SIGKILL
 * mid-job and started again. The job must recover from its checkpoint and leave exactly the
 * simulator's ground truth in ClickHouse; then a second run from scratch over the retained topics
 * must leave the same rows.
 */
class TaskManagerCrashIT {

  private static final Pattern JOB_ID = Pattern.compile("submitted job ([0-9a-f]{32})");

  @TempDir
  Path dir;

  @Test
  void aTaskManagerKilledMidJobAndRestartedLeavesExactlyTheGroundTruth() throws Exception {
    try (LocalStack stack = LocalStack.start(dir, true, 2);
        LocalFlinkCluster cluster = LocalFlinkCluster.start(dir.resolve("flink"), 2, 1);
        ClickHouseSql sql = new ClickHouseSql(stack.clickhouse().endpoint())) {
      GroundTruth truth;
      try (RecordProducer producer = new RecordProducer(stack.kafka().bootstrapServers(), "crash-it")) {
        truth = new FleetSimulator(SimulationConfig.of(3, 64, Duration.ofHours(24), 11)).run(producer::send);
      }
      FlinkRestClient rest = cluster.rest();

      String jobId = submit(cluster, stack, "crash-it-1");
      rest.awaitState(jobId, Duration.ofMinutes(2), "RUNNING");
      FreePorts.await("a checkpoint and rates in ClickHouse", Duration.ofMinutes(3), () -> {
        try {
          return rest.completedCheckpoints(jobId) >= 1
              && sql.scalarLong("SELECT count() FROM litmeter.rates WHERE resolution = '5m'") > 0;
        } catch (Exception e) {
          return false;
        }
      });
      assertThat(rest.jobState(jobId)).as("the job is still working when the TaskManager dies").isEqualTo("RUNNING");
      cluster.killTaskManager(1);
      Thread.sleep(3_000);
      cluster.startTaskManager(1);
      rest.awaitState(jobId, Duration.ofMinutes(5), "FINISHED");
      assertThat(rest.exceptions(jobId)).as("Flink saw the TaskManager go").contains("exceptionHistory")
          .containsPattern("(?i)taskmanager|heartbeat|connection|lost");

      TruthCheck.Report check = TruthCheck.compare(truth, sql);
      assertThat(check.differences(20)).isEmpty();
      assertThat(check.exact()).isTrue();
      assertThat(deadLetters(sql)).isEqualTo(new TreeMap<>(truth.expectedDeadLetters()));

      // from scratch over the retained topics (a new consumer group): the same rows, no duplicate after FINAL
      Map<String, String> before = TruthCheck.actualRows(sql);
      String again = submit(cluster, stack, "crash-it-2");
      rest.awaitState(again, Duration.ofMinutes(5), "FINISHED");
      assertThat(TruthCheck.actualRows(sql)).isEqualTo(before);
      assertThat(deadLetters(sql)).isEqualTo(new TreeMap<>(truth.expectedDeadLetters()));
    }
  }

  private static Map<String, Long> deadLetters(ClickHouseSql sql) {
    Map<String, Long> out = new TreeMap<>();
    sql.rows("SELECT reason, count() AS n FROM litmeter.dead_letters FINAL GROUP BY reason")
        .forEach(r -> out.put(r.get("reason"), r.getLong("n")));
    return out;
  }

  private String submit(LocalFlinkCluster cluster, LocalStack stack, String groupId) {
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      exit = new CommandLine(new Litmeter()).execute("job", "submit", "--flink", cluster.restUrl().toString(),
          "--kafka", stack.kafka().bootstrapServers(), "--clickhouse", stack.clickhouse().endpoint().url(),
          "--parallelism", "2", "--checkpoint-interval-s", "2", "--group-id", groupId, "--bounded");
    } finally {
      System.setOut(stdout);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(out).isZero();
    Matcher m = JOB_ID.matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return m.group(1);
  }
}

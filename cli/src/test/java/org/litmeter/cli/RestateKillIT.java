package org.litmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.infra.local.FreePorts;
import org.litmeter.infra.local.JavaCommand;
import org.litmeter.infra.local.LocalStack;
import org.litmeter.ingest.kafka.RecordProducer;
import org.litmeter.simulation.FleetSimulator;
import org.litmeter.simulation.GroundTruth;
import org.litmeter.simulation.SimulationConfig;
import org.litmeter.simulation.TruthCheck;

/**
 * {@code ./litmeter restate} killed with SIGKILL half way and run again with the same command (its
 * own JVM, on the real Kafka and ClickHouse): the second run finishes the interrupted restatement
 * under its revision, and the rates then hold every row of the ground truth (every sample counted)
 * exactly once, none lost, none doubled.
 */
class RestateKillIT {

  @TempDir
  Path dir;

  private int starts;

  @Test
  void aRestatementKilledHalfWayAndRunAgainLeavesTheSameRowsOnce() throws Exception {
    SimulationConfig sim = new SimulationConfig(2, 24, SimulationConfig.DEFAULT_START, Duration.ofDays(3),
        Duration.ofSeconds(30), 31, SimulationConfig.Faults.realistic());
    try (LocalStack stack = LocalStack.start(dir, true, 1);
        ClickHouseSql sql = new ClickHouseSql(stack.clickhouse().endpoint())) {
      String kafka = stack.kafka().bootstrapServers();
      GroundTruth truth;
      try (RecordProducer producer = new RecordProducer(kafka, "restate-kill-it")) {
        truth = new FleetSimulator(sim).run(producer::send);
      }
      GroundTruthRun.runBoundedJob(kafka, stack.clickhouse().endpoint(), "restate-kill-it", dir);
      List<String> command = List.of("restate", "--kafka", kafka, "--clickhouse", stack.clickhouse().endpoint().url(),
          "--clickhouse-user", "default", "--from", "2026-06-01", "--to", "2026-06-04", "--parallelism", "1");

      Process first = restate(command);
      FreePorts.await("restated rows in ClickHouse", Duration.ofMinutes(3), () -> !first.isAlive()
          || sql.scalarLong("SELECT count() FROM litmeter.rates_history WHERE revision = 1") >= 200);
      assertThat(first.isAlive()).as("the restatement is still running when it is killed").isTrue();
      first.destroyForcibly();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(sql.scalar("SELECT toString(state) FROM litmeter.restatements FINAL WHERE revision = 1"))
          .isEqualTo("running");
      long partial = sql.scalarLong("SELECT uniqExact(scope, scope_id, resolution, window_start)"
          + " FROM litmeter.rates_history WHERE revision = 1");

      Process second = restate(command);
      assertThat(second.waitFor(5, TimeUnit.MINUTES)).isTrue();
      String out = Files.readString(dir.resolve("restate-" + starts + ".log"));
      assertThat(second.exitValue()).as(out).isZero();
      assertThat(out).contains("revision 1 (on_demand)");

      Map<String, String> expected = TruthCheck.describeAll(truth.expectedRowsWithEverySample());
      TruthCheck.Report report = TruthCheck.compareRestated(truth, sql);
      assertThat(report.differences(20)).isEmpty();
      assertThat(sql.rows("SELECT revision, toString(state) AS state FROM litmeter.restatements FINAL")
          .stream().map(r -> r.get("revision") + ":" + r.get("state")).toList())
          .as("the second run finished the first restatement instead of starting another").containsExactly("1:done");
      long restated = sql.scalarLong("SELECT uniqExact(scope, scope_id, resolution, window_start)"
          + " FROM litmeter.rates_history WHERE revision = 1");
      assertThat(partial).as("the first run was killed half way").isLessThan(expected.size());
      assertThat(restated).as("no row lost").isEqualTo(expected.size());
      sql.execute("OPTIMIZE TABLE litmeter.rates FINAL");
      assertThat(sql.scalarLong("SELECT count() FROM litmeter.rates")).as("no row doubled").isEqualTo(expected.size());
      assertThat(sql.scalarLong("SELECT count() FROM litmeter.rates WHERE revision != 1")).isZero();
      assertThat(sql.scalarLong("SELECT count() FROM litmeter.rates WHERE status != 'final'"))
          .as("computed more than the revision period after June 2026").isZero();
    }
  }

  /** {@code ./litmeter restate ...} in a JVM of its own, its output in restate-N.log. */
  private Process restate(List<String> args) throws IOException {
    starts++;
    List<String> jvm = new ArrayList<>(List.of("-Xmx512m", "-Dlitmeter.home=" + dir.resolve("home")));
    jvm.addAll(JavaCommand.jobJvmOptions());
    return new ProcessBuilder(JavaCommand.guarded(jvm, System.getProperty("java.class.path"),
        Litmeter.class.getName(), args))
        .redirectErrorStream(true).redirectOutput(dir.resolve("restate-" + starts + ".log").toFile()).start();
  }
}

package org.litmeter.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.ingest.kafka.RecordProducer;
import org.litmeter.simulation.FleetSimulator;
import org.litmeter.simulation.GroundTruth;
import org.litmeter.simulation.SimulationConfig;
import org.litmeter.simulation.TruthCheck;
import org.litmeter.testkit.ClickHouseServerExtension;
import org.litmeter.testkit.KafkaBrokerExtension;

/**
 * The rates job end to end on real components: a simulated fleet with every kind of messy input
 * goes through a real Kafka broker and the job on a MiniCluster into a real ClickHouse, and every
 * row must equal the simulator's ground truth.
 */
class RatesJobIT {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(4);
  @RegisterExtension static final ClickHouseServerExtension CLICKHOUSE = new ClickHouseServerExtension();

  private static GroundTruth truth;

  @BeforeAll
  static void produceFleetAndRunJob() throws Exception {
    SimulationConfig sim = SimulationConfig.of(3, 32, Duration.ofHours(3), 42);
    try (RecordProducer producer = new RecordProducer(KAFKA.bootstrapServers(), "rates-job-it")) {
      truth = new FleetSimulator(sim).run(e -> producer.send(e));
    }
    runJobToEnd("rates-job-it-1");
  }

  static void runJobToEnd(String groupId) throws Exception {
    Path checkpoints = Files.createTempDirectory("litmeter-checkpoints-");
    RatesJobConfig config = RatesJobConfig.defaults().withoutIdleness().withParallelism(2)
        .withCheckpointInterval(Duration.ofSeconds(2));
    JobClient job = EmbeddedRatesJob.start(KAFKA.bootstrapServers(), CLICKHOUSE.endpoint(), groupId, true, config,
        checkpoints);
    job.getJobExecutionResult().get();
  }

  @Test
  void everyRowEqualsTheGroundTruth() {
    TruthCheck.Report report = TruthCheck.compare(truth, CLICKHOUSE.sql());
    assertThat(report.actual()).containsExactlyEntriesOf(report.expected());
    assertThat(report.expected()).hasSizeGreaterThan(100);
  }

  @Test
  void everyModelAndTenantRowEqualsTheGroundTruth() {
    TruthCheck.Report report = TruthCheck.compareSlices(truth, CLICKHOUSE.sql());
    assertThat(report.actual()).containsExactlyEntriesOf(report.expected());
    assertThat(report.expected().keySet()).anyMatch(k -> k.endsWith(" model cambricon/MLU370-X8"))
        .anyMatch(k -> k.endsWith(" model nvidia/NVIDIA H100 80GB HBM3")).anyMatch(k -> k.contains(" tenant "));
    ClickHouseSql.Row crashes = CLICKHOUSE.sql().rows("""
        SELECT sum(erroring_device_windows) AS erroring, sum(error_episodes) AS episodes, sum(dropouts) AS dropouts,
               sum(silent_device_windows) AS silent, sum(resets) AS resets
        FROM litmeter.model_rates FINAL WHERE scope = 'nation' AND resolution = '5m'""").get(0);
    assertThat(crashes.values()).as("the fleet's chips crash: every stability count is exercised")
        .allSatisfy((column, n) -> assertThat(Long.parseLong(n)).as(column).isPositive());
  }

  @Test
  void theSlicesOfAScopeAddUpToItsRow() {
    String sums = """
        SELECT scope, scope_id, resolution, window_start, sum(racked_device_windows) AS racked,
               sum(lit_device_windows) AS lit, sum(occupied_device_windows) AS occupied
        FROM litmeter.%s FINAL GROUP BY scope, scope_id, resolution, window_start
        ORDER BY scope, scope_id, resolution, window_start""";
    assertThat(CLICKHOUSE.sql().rows(sums.formatted("model_rates")))
        .isEqualTo(CLICKHOUSE.sql().rows(sums.formatted("rates")));
    assertThat(CLICKHOUSE.sql().rows("""
        SELECT scope, scope_id, resolution, window_start, sum(leased_device_windows) AS occupied
        FROM litmeter.tenant_usage FINAL GROUP BY scope, scope_id, resolution, window_start
        ORDER BY scope, scope_id, resolution, window_start"""))
        .isEqualTo(CLICKHOUSE.sql().rows("""
            SELECT scope, scope_id, resolution, window_start, occupied_device_windows AS occupied
            FROM litmeter.rates FINAL WHERE occupied_device_windows > 0
            ORDER BY scope, scope_id, resolution, window_start"""));
    assertThat(CLICKHOUSE.sql().scalarLong(
        "SELECT count() FROM litmeter.model_rates FINAL WHERE vendor_family = 'domestic'")).isPositive();
  }

  @Test
  void theGroundTruthHasEveryCaseTheRulesDistinguish() {
    long unracked = truth.windows().stream().mapToLong(w -> w.unrackedSamples()).sum();
    long idleRacked = truth.windows().stream().mapToLong(w -> w.racked() - w.lit()).sum();
    long occupiedIdle = truth.windows().stream().filter(w -> w.occupied() > w.lit()).count();
    assertThat(unracked).as("samples of removed devices").isPositive();
    assertThat(idleRacked).as("racked but not lit").isPositive();
    assertThat(occupiedIdle).as("windows with occupied but idle devices").isPositive();
    assertThat(truth.expectedDeadLetters()).containsKeys("LATE", "NOT_FINITE", "OUT_OF_RANGE", "MISSING_FIELD",
        "TIMESTAMP_OUT_OF_RANGE", "UNPARSABLE", "UNKNOWN_SCHEMA", "UNKNOWN_CENTER");
    assertThat(truth.duplicates()).isPositive();
  }

  @Test
  void everyBadInputIsADeadLetterWithItsReason() {
    Map<String, Long> actual = new TreeMap<>();
    for (ClickHouseSql.Row row : CLICKHOUSE.sql().rows(
        "SELECT reason, count() AS n FROM litmeter.dead_letters FINAL GROUP BY reason")) {
      actual.put(row.get("reason"), row.getLong("n"));
    }
    assertThat(actual).containsExactlyInAnyOrderEntriesOf(truth.expectedDeadLetters());
  }

  @Test
  void duplicatesAreCountedNotDoubled() {
    long duplicates = CLICKHOUSE.sql().scalarLong(
        "SELECT sum(duplicate_samples) FROM litmeter.rates FINAL WHERE scope = 'center' AND resolution = '5m'");
    assertThat(duplicates).isEqualTo(truth.duplicates());
  }

  @Test
  void runningTheJobAgainOverTheSameTopicsLeavesOneIdenticalRowPerWindow() throws Exception {
    Map<String, String> before = TruthCheck.actualRows(CLICKHOUSE.sql());
    runJobToEnd("rates-job-it-2");
    CLICKHOUSE.sql().execute("OPTIMIZE TABLE litmeter.rates FINAL");
    long rows = CLICKHOUSE.sql().scalarLong("SELECT count() FROM litmeter.rates");
    assertThat(rows).isEqualTo(before.size());
    assertThat(TruthCheck.actualRows(CLICKHOUSE.sql())).isEqualTo(before);
  }
}

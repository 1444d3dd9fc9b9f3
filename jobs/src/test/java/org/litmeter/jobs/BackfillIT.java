package org.litmeter.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.litmeter.jobs.LiveJobWatch.awaitUntil;
import static org.litmeter.jobs.LiveJobWatch.liveHorizon;
import static org.litmeter.jobs.LiveJobWatch.sampleOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.litmeter.infra.kafka.KafkaConnection;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.infra.local.Directories;
import org.litmeter.ingest.kafka.Emission;
import org.litmeter.ingest.kafka.RecordProducer;
import org.litmeter.simulation.scenarios.ScenarioSuite;
import org.litmeter.simulation.ExpectedRow;
import org.litmeter.simulation.FleetSimulator;
import org.litmeter.simulation.GroundTruth;
import org.litmeter.simulation.SimulationConfig;
import org.litmeter.simulation.TruthCheck;
import org.litmeter.rates.RestatementPlanner.Reason;
import org.litmeter.schema.GpuSample;
import org.litmeter.schema.Topics;
import org.litmeter.testkit.ClickHouseServerExtension;
import org.litmeter.testkit.KafkaBrokerExtension;

/**
 * Nine months of history backfilled while the live job runs, on real Kafka, Flink and ClickHouse.
 * Center c01 streams its nine months in time; then the history of two more centers arrives, all of
 * it behind the partition's newest time: c02 (a simulated honest center with ground truth) and
 * {@value #CLIFF_CENTER} (a vendor's load through a 180-day acceptance period, withdrawn after it).
 * {@code ./litmeter restate --backfill} over the nine months for those two centers must give every
 * row of c02 and of its province as the ground truth says, nation rows that include all three
 * centers, and the acceptance cliff exactly once, also when the backfill runs a second time.
 */
class BackfillIT {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(1);
  @RegisterExtension static final ClickHouseServerExtension CLICKHOUSE = new ClickHouseServerExtension();

  static final String CLIFF_CENTER = "sc-cliff-at-scale";
  private static final int DAYS = Integer.getInteger("backfill.days", 273);
  /** Where the scenario starts: five days before its acceptance period, midnight China Standard Time. */
  private static final Instant START = Instant.parse("2025-12-30T16:00:00Z");
  private static final long END = START.toEpochMilli() + DAYS * 86_400_000L;

  private static GroundTruth truth;
  private static JobClient liveJob;
  private static Path dir;
  private static Restater restater;
  private static Restater.Result first;
  private static long horizon;

  @BeforeAll
  static void liveCenterThenTwoCentersHistoryThenBackfill() throws Exception {
    dir = Files.createTempDirectory("litmeter-backfill-it-");
    RatesJobConfig config = RatesJobConfig.defaults().withParallelism(2).withCheckpointInterval(Duration.ofSeconds(2));
    liveJob = EmbeddedRatesJob.start(KAFKA.bootstrapServers(), CLICKHOUSE.endpoint(), "backfill-it", false, config,
        Files.createDirectories(dir.resolve("live")));

    // no sample too late or of an unknown center in the simulation itself: c01's live rows are then exact too
    SimulationConfig.Faults faults = new SimulationConfig.Faults(0.05, 0.01, 0.05, 0.01, 0, 0.001,
        Duration.ofSeconds(80), Duration.ofMinutes(30), false);
    SimulationConfig sim = new SimulationConfig(2, 3, START, Duration.ofDays(DAYS), Duration.ofMinutes(5), 273,
        faults);
    ScenarioSuite cliff = ScenarioSuite.acceptanceCliffAtScale(11, 4, DAYS);
    long[] history = {0};
    try (RecordProducer producer = new RecordProducer(KAFKA.bootstrapServers(), "backfill-it")) {
      // both generators are deterministic: each runs twice, first for what comes in time, then for the history
      cliff.run(e -> {
        if (e.topic() != Topics.TELEMETRY) {
          producer.send(e);
        }
      });
      truth = new FleetSimulator(sim).run(e -> {
        if (!"c02".equals(centerOf(e))) {
          producer.send(e);
        }
      });
      producer.flush();
      awaitUntil("the live job closes c01's last day", () -> liveHorizon(CLICKHOUSE.sql()) >= END - 86_400_000L);
      Consumer<Emission> historyOnly = e -> {
        if (Set.of("c02", CLIFF_CENTER).contains(centerOf(e))) {
          producer.send(e);
          history[0]++;
        }
      };
      new FleetSimulator(sim).run(historyOnly);
      cliff.run(historyOnly);
      producer.flush();
    }
    long historySamples = history[0] * 9 / 10;
    awaitUntil("the history is stored", () -> CLICKHOUSE.sql().scalarLong(
        "SELECT count() FROM litmeter.samples WHERE center IN ('c02', '" + CLIFF_CENTER + "')") >= historySamples);
    Thread.sleep(5_000);
    assertThat(CLICKHOUSE.sql().scalarLong("SELECT count() FROM litmeter.rates WHERE scope_id = 'c02'"))
        .as("the live job counted none of the history").isZero();

    restater = new Restater(KafkaConnection.plain(KAFKA.bootstrapServers()), CLICKHOUSE.endpoint(), config,
        Files.createDirectories(dir.resolve("restatements")), Restater.DEFAULT_MAX_DAYS, Restater.DEFAULT_SETTLE);
    first = restater.restate(START.toEpochMilli(), END, Set.of("c02", CLIFF_CENTER), Reason.BACKFILL);
    horizon = first.writtenToMillis();
  }

  @AfterAll
  static void stopLiveJob() throws Exception {
    if (liveJob != null) {
      liveJob.cancel().get();
    }
    Directories.deleteTree(dir);
  }

  @Test
  void everyRowOfTheBackfilledSimulatedCenterAndItsProvinceEqualsTheGroundTruth() {
    String province = truth.province("c02");
    Map<String, String> expected = closed(truth.expectedRowsWithEverySample(),
        Set.of("center/c02", "center/c01", "province/" + province));
    Map<String, String> actual = new TreeMap<>();
    TruthCheck.actualRows(CLICKHOUSE.sql()).forEach((key, row) -> {
      if (key.startsWith("center/c02/") || key.startsWith("center/c01/") || key.startsWith("province/" + province + "/")) {
        actual.put(key, row);
      }
    });
    assertThat(expected).hasSizeGreaterThan(10_000);
    assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void theNationRowsOfTheBackfilledDaysIncludeEveryCenter() {
    assertThat(CLICKHOUSE.sql().scalarLong("""
        SELECT min(reporting_centers) FROM litmeter.rates FINAL
        WHERE scope = 'nation' AND resolution = '1d' AND window_end <= toDateTime(%d)""".formatted(horizon / 1000)))
        .isEqualTo(3);
  }

  @Test
  void theAcceptanceCliffInTheHistoryIsFoundOnceAlsoWhenTheBackfillRunsAgain() throws Exception {
    String cliffs = "SELECT count() FROM litmeter.alerts FINAL WHERE kind = 'acceptance_cliff' AND center = '"
        + CLIFF_CENTER + "'";
    assertThat(CLICKHOUSE.sql().scalarLong(cliffs)).isEqualTo(1);
    Map<String, String> before = TruthCheck.actualRows(CLICKHOUSE.sql());
    Restater.Result again = restater.restate(START.toEpochMilli(), END, Set.of("c02", CLIFF_CENTER), Reason.BACKFILL);
    assertThat(again.revision()).isGreaterThan(first.revision());
    assertThat(CLICKHOUSE.sql().scalarLong(cliffs)).isEqualTo(1);
    assertThat(TruthCheck.actualRows(CLICKHOUSE.sql())).isEqualTo(before);
  }

  @Test
  void theBackfillIsRecordedWithWhatItRead() {
    ClickHouseSql.Row row = CLICKHOUSE.sql().rows("SELECT toString(reason) AS reason, toString(state) AS state,"
        + " samples_read, rows_written FROM litmeter.restatements FINAL WHERE revision = " + first.revision()).get(0);
    assertThat(row.get("reason")).isEqualTo("backfill");
    assertThat(row.get("state")).isEqualTo("done");
    assertThat(row.getLong("samples_read")).isGreaterThan(700_000);
    assertThat(row.getLong("rows_written")).isEqualTo(first.rowsWritten()).isGreaterThan(10_000);
    System.out.printf("backfill of %d days: %,d samples in %.1f s = %,.0f samples/s%n", DAYS, first.samplesRead(),
        first.millis() / 1000.0, first.samplesRead() * 1000.0 / first.millis());
  }

  /** Rows of these scopes whose window the live job had closed. */
  private static Map<String, String> closed(Map<String, ExpectedRow> rows, Set<String> scopes) {
    Map<String, ExpectedRow> kept = new TreeMap<>();
    rows.forEach((key, r) -> {
      if (scopes.contains(r.scope() + "/" + r.scopeId()) && r.windowEnd() <= horizon) {
        kept.put(key, r);
      }
    });
    return TruthCheck.describeAll(kept);
  }

  /** The center of a telemetry emission; empty for other topics and undecodable records. */
  private static String centerOf(Emission e) {
    GpuSample s = sampleOf(e);
    return s == null ? "" : s.getCenter();
  }

}

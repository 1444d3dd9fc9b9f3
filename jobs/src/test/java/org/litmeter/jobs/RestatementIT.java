package org.litmeter.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.litmeter.jobs.LiveJobWatch.awaitUntil;
import static org.litmeter.jobs.LiveJobWatch.liveHorizon;
import static org.litmeter.jobs.LiveJobWatch.sampleOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.litmeter.infra.kafka.KafkaConnection;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.ingest.kafka.Emission;
import org.litmeter.ingest.kafka.RecordProducer;
import org.litmeter.simulation.ExpectedRow;
import org.litmeter.simulation.FleetSimulator;
import org.litmeter.simulation.GroundTruth;
import org.litmeter.simulation.SimulationConfig;
import org.litmeter.simulation.TruthCheck;
import org.litmeter.schema.GpuSample;
import org.litmeter.testkit.ClickHouseServerExtension;
import org.litmeter.testkit.KafkaBrokerExtension;

/**
 * Late data with the live job running, on real Kafka, Flink and ClickHouse: rows must not depend
 * on which center's data came first. Three simulated centers (every kind of messy input) over 30
 * hours: c01 streams in time; c02's whole history is sent after c01's (as when a second recording is
 * replayed after a first: every sample of it is behind the partition's newest time); c03 is silent
 * for six hours and its exporters' buffers flush after everything else. The live job publishes
 * preliminary rows that show the gaps; the restater, run as {@code ./litmeter up} runs it, restates
 * the days with late samples, and every row then equals the ground truth with every sample counted.
 */
class RestatementIT {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(1);
  @RegisterExtension static final ClickHouseServerExtension CLICKHOUSE = new ClickHouseServerExtension();

  private static final long HOUR = 3_600_000L;
  private static final Instant START = SimulationConfig.DEFAULT_START;
  private static final long SILENCE_FROM = START.toEpochMilli() + 10 * HOUR;
  private static final long SILENCE_TO = SILENCE_FROM + 6 * HOUR;
  private static final Duration SETTLE = Duration.ofSeconds(10);
  /** Long enough that no row is final: this test is about late samples, not the final pass. */
  private static final Duration REVISION_PERIOD = Duration.ofDays(3650);

  private static GroundTruth truth;
  private static JobClient liveJob;
  private static Path dir;
  private static Map<String, String> preliminary;
  private static long horizon;
  private static List<Restater.Result> restated;

  @BeforeAll
  static void liveJobThenLateDataThenRestatement() throws Exception {
    dir = Files.createTempDirectory("litmeter-restatement-it-");
    RatesJobConfig config = RatesJobConfig.defaults().withParallelism(2)
        .withCheckpointInterval(Duration.ofSeconds(2)).withRevisionPeriod(REVISION_PERIOD);
    liveJob = EmbeddedRatesJob.start(KAFKA.bootstrapServers(), CLICKHOUSE.endpoint(), "restatement-it", false, config,
        Files.createDirectories(dir.resolve("live")));

    // chips that crash every two hours or so: some are erroring or silent across midnight
    SimulationConfig sim = new SimulationConfig(3, 16, START, Duration.ofHours(30), Duration.ofSeconds(30), 1207,
        SimulationConfig.Faults.realistic(), new SimulationConfig.Stability(2, 12));
    List<Emission> inTime = new ArrayList<>();
    List<Emission> c02 = new ArrayList<>();
    List<Emission> c03Buffered = new ArrayList<>();
    truth = new FleetSimulator(sim).run(e -> {
      GpuSample s = sampleOf(e);
      if (s != null && s.getCenter().equals("c02")) {
        c02.add(e);
      } else if (s != null && s.getCenter().equals("c03") && s.getEventTime().toEpochMilli() >= SILENCE_FROM
          && s.getEventTime().toEpochMilli() < SILENCE_TO) {
        c03Buffered.add(e);
      } else {
        inTime.add(e);
      }
    });
    try (RecordProducer producer = new RecordProducer(KAFKA.bootstrapServers(), "restatement-it")) {
      inTime.forEach(producer::send);
      producer.flush();
      long lastClose = START.toEpochMilli() + 29 * HOUR;
      awaitUntil("the live job closes c01's windows", () -> liveHorizon(CLICKHOUSE.sql()) >= lastClose);
      c02.forEach(producer::send);
      c03Buffered.forEach(producer::send);
      producer.flush();
    }
    long lateSamples = c02.size() + c03Buffered.size();
    awaitUntil("the late samples are in the samples table and dead letters", () ->
        CLICKHOUSE.sql().scalarLong("SELECT count() FROM litmeter.dead_letters WHERE reason = 'LATE'")
            >= lateSamples * 9 / 10);
    preliminary = TruthCheck.actualRows(CLICKHOUSE.sql());

    Restater restater = new Restater(KafkaConnection.plain(KAFKA.bootstrapServers()), CLICKHOUSE.endpoint(), config,
        Files.createDirectories(dir.resolve("restatements")), Restater.DEFAULT_MAX_DAYS, SETTLE);
    // as ./litmeter up does: look again until nothing is due and the live job closes nothing more
    // (it closes the last windows once the telemetry falls idle)
    restated = new ArrayList<>();
    long before = -1;
    for (int pass = 0; pass < 12; pass++) {
      long now = liveHorizon(CLICKHOUSE.sql());
      List<Restater.Result> results = restater.runDue();
      restated.addAll(results);
      if (results.isEmpty() && now == before) {
        break;
      }
      before = now;
      Thread.sleep(SETTLE.toMillis() + 2_000);
    }
    horizon = liveHorizon(CLICKHOUSE.sql());
  }

  @AfterAll
  static void stopLiveJob() throws Exception {
    if (liveJob != null) {
      liveJob.cancel().get();
    }
    org.litmeter.infra.local.Directories.deleteTree(dir);
  }

  @Test
  void beforeTheRestatementThePreliminaryRowsShowTheGaps() {
    Map<String, String> expected = closedRows(truth.expectedRowsWithEverySample());
    assertThat(preliminary.keySet()).noneMatch(k -> k.startsWith("center/c02/"));
    assertThat(expected.keySet()).anyMatch(k -> k.startsWith("center/c02/"));
    String gapHour = "center/c03/1h/" + (SILENCE_FROM + 2 * HOUR);
    assertThat(preliminary).doesNotContainKey(gapHour);
    assertThat(expected).containsKey(gapHour);
  }

  @Test
  void afterTheRestatementEveryClosedRowEqualsTheGroundTruthWithEverySampleCounted() {
    TruthCheck.Report report = TruthCheck.compareRestated(truth, CLICKHOUSE.sql());
    Map<String, String> expected = closedRows(truth.expectedRowsWithEverySample());
    assertThat(expected).hasSizeGreaterThan(500);
    assertThat(report.actual()).containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void afterTheRestatementEveryClosedModelAndTenantRowEqualsTheGroundTruthToo() {
    TruthCheck.Report report = TruthCheck.compareSlicesRestated(truth, CLICKHOUSE.sql());
    Map<String, String> expected = closedRows(truth.expectedSliceRowsWithEverySample());
    assertThat(expected.keySet()).anyMatch(k -> k.startsWith("center/c02/") && k.contains(" tenant "));
    assertThat(report.actual()).containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void aRestatementOfTheSecondDayAloneJudgesItsFirstWindowsAgainstTheDayBefore() throws Exception {
    long secondDay = START.toEpochMilli() + 16 * HOUR; // midnight China time
    Restater restater = new Restater(KafkaConnection.plain(KAFKA.bootstrapServers()), CLICKHOUSE.endpoint(),
        RatesJobConfig.defaults().withRevisionPeriod(REVISION_PERIOD), dir.resolve("second-day"),
        Restater.DEFAULT_MAX_DAYS, SETTLE);
    Restater.Result result = restater.restate(secondDay, secondDay + 1, Set.of(), org.litmeter.rates.RestatementPlanner.Reason.ON_DEMAND);
    assertThat(CLICKHOUSE.sql().scalarLong("SELECT count() FROM litmeter.model_rates FINAL WHERE revision = "
        + result.revision() + " AND window_start = toDateTime(" + secondDay / 1000 + ")")).isPositive();
    Map<String, String> expected = closedRows(truth.expectedSliceRowsWithEverySample());
    assertThat(TruthCheck.compareSlicesRestated(truth, CLICKHOUSE.sql()).actual())
        .containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void theRestatementsAreRecordedAndTheirRowsCarryTheirRevision() {
    assertThat(restated).isNotEmpty();
    assertThat(restated).allSatisfy(r -> assertThat(r.reason().label()).isEqualTo("late_samples"));
    long revisions = CLICKHOUSE.sql().scalarLong(
        "SELECT count() FROM litmeter.restatements FINAL WHERE state = 'done' AND reason = 'late_samples'");
    assertThat(revisions).isEqualTo(restated.size());
    long c02Revision = CLICKHOUSE.sql().scalarLong(
        "SELECT min(revision) FROM litmeter.rates FINAL WHERE scope = 'center' AND scope_id = 'c02'");
    assertThat(c02Revision).isPositive();
    long finalRows = CLICKHOUSE.sql().scalarLong("SELECT count() FROM litmeter.rates FINAL WHERE status = 'final'");
    assertThat(finalRows).isZero();
  }

  @Test
  void theHistoryShowsWhatWasFirstPublishedAndWhatReplacedIt() {
    long gapHour = (SILENCE_FROM + 2 * HOUR) / 1000;
    List<ClickHouseSql.Row> history = CLICKHOUSE.sql().rows("""
        SELECT revision, any(racked_device_windows) AS racked
        FROM litmeter.rates_history
        WHERE scope = 'nation' AND resolution = '1h' AND window_start = toDateTime(%d)
        GROUP BY revision ORDER BY revision""".formatted(gapHour));
    assertThat(history).hasSizeGreaterThanOrEqualTo(2);
    assertThat(history.get(0).getLong("revision")).isZero();
    ClickHouseSql.Row newest = history.get(history.size() - 1);
    assertThat(newest.getLong("racked")).isGreaterThan(history.get(0).getLong("racked"));
    ExpectedRow nation = truth.expectedRowsWithEverySample().get("nation/national/1h/" + gapHour * 1000);
    assertThat(newest.getLong("racked")).isEqualTo(nation.racked());
  }

  @Test
  void nothingIsDueOnceEverythingIsRestated() throws Exception {
    Restater restater = new Restater(KafkaConnection.plain(KAFKA.bootstrapServers()), CLICKHOUSE.endpoint(),
        RatesJobConfig.defaults().withRevisionPeriod(REVISION_PERIOD), dir.resolve("again"), Restater.DEFAULT_MAX_DAYS, SETTLE);
    assertThat(restater.runDue()).isEmpty();
  }

  /** The truth's rows of windows the live job had closed (the newest windows wait for newer data). */
  private static Map<String, String> closedRows(Map<String, ExpectedRow> rows) {
    Map<String, ExpectedRow> closed = new TreeMap<>();
    rows.forEach((k, r) -> {
      if (r.windowEnd() <= horizon) {
        closed.put(k, r);
      }
    });
    return TruthCheck.describeAll(closed);
  }
}

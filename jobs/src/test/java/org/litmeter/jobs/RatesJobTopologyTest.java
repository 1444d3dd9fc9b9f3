package org.litmeter.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.litmeter.jobs.alerting.AlertDelivery;
import org.litmeter.rates.RatesRow;
import org.litmeter.rates.Slice;
import org.litmeter.rates.WindowTotals;
import org.litmeter.ingest.kafka.Emission;
import org.litmeter.schema.Alert;
import org.litmeter.schema.AlertStatus;
import org.litmeter.schema.AvroCodec;
import org.litmeter.schema.CenterRegistration;
import org.litmeter.schema.DeviceInventoryEvent;
import org.litmeter.schema.GpuSample;
import org.litmeter.schema.LeaseEvent;
import org.litmeter.schema.Topics;
import org.litmeter.schema.DeadLetter;
import org.litmeter.simulation.FleetSimulator;
import org.litmeter.simulation.GroundTruth;
import org.litmeter.simulation.SimulationConfig;
import org.litmeter.simulation.TruthCheck;
import org.litmeter.simulation.WindowTruth;
import org.litmeter.simulation.scenarios.DetectionScore;
import org.litmeter.simulation.scenarios.FiredAlert;
import org.litmeter.simulation.scenarios.ScenarioPopulation;
import org.litmeter.simulation.scenarios.ScenarioSuite;

/**
 * The whole rates job on a MiniCluster with its topics in memory and collecting sinks: every
 * operator, watermark, timer and side output of the production topology, without Kafka or
 * ClickHouse, in seconds. A simulated fleet with every kind of messy input must give the ground
 * truth's rates, rollups, model and tenant rows and dead letters exactly; labelled centers must
 * give the alerts their labels name and none on the honest ones; a randomized population must give
 * the alerts of the one-process replay ({@link DetectorReplay}) that scores hundreds of centers. The
 * tests on real servers
 * ({@link RatesJobIT} and the command line's) keep what needs the servers: decoding what Kafka
 * stored, ClickHouse's tables and replays over the same topics.
 */
class RatesJobTopologyTest {

  private static GroundTruth truth;
  private static Run fleet;

  @BeforeAll
  static void runASimulatedFleet() throws Exception {
    InMemoryTopics topics = new InMemoryTopics(RatesJobConfig.defaults().maxClockSkew());
    truth = new FleetSimulator(SimulationConfig.of(3, 32, Duration.ofHours(3), 42)).run(topics::send);
    fleet = Run.of(topics);
  }

  @Test
  void everyRowEqualsTheGroundTruth() {
    Map<String, String> expected = TruthCheck.describeAll(truth.expectedRows());
    assertThat(fleet.rows(fleet.rates)).containsExactlyEntriesOf(expected);
    assertThat(expected).hasSizeGreaterThan(100);
  }

  @Test
  void everyModelAndTenantRowEqualsTheGroundTruth() {
    Map<String, String> actual = new TreeMap<>(fleet.rows(fleet.models));
    actual.putAll(fleet.rows(fleet.tenants));
    assertThat(actual).containsExactlyEntriesOf(TruthCheck.describeAll(truth.expectedSliceRows()));
    assertThat(actual.keySet()).anyMatch(k -> k.endsWith(" model cambricon/MLU370-X8"))
        .anyMatch(k -> k.contains(" tenant "));
  }

  @Test
  void everyBadInputIsADeadLetterWithItsReason() {
    Map<String, Long> byReason = new TreeMap<>();
    fleet.deadLetters.collected().forEach(reason -> byReason.merge(reason, 1L, Long::sum));
    assertThat(byReason).containsExactlyInAnyOrderEntriesOf(truth.expectedDeadLetters());
    assertThat(byReason).containsKeys("LATE", "UNPARSABLE", "UNKNOWN_CENTER");
  }

  @Test
  void duplicatesAreCountedNotDoubled() {
    long duplicates = fleet.latest(fleet.rates).values().stream()
        .filter(r -> r.key.startsWith("center/") && r.key.contains("/5m/")).mapToLong(r -> r.duplicates).sum();
    assertThat(duplicates).isPositive().isEqualTo(truth.duplicates());
  }

  @Test
  void labelledCentersGetTheAlertsTheirLabelsNameAndHonestOnesNone() throws Exception {
    ScenarioSuite suite = new ScenarioSuite(19).only(Set.of("steady", "cliff", "hollow", "vanished", "late-data"));
    InMemoryTopics topics = new InMemoryTopics(RatesJobConfig.defaults().maxClockSkew());
    suite.run(topics::send);
    List<FiredAlert> fired = Run.of(topics).alerts.collected();
    DetectionScore score = DetectionScore.of(suite.scenarios(), fired);
    assertThat(score.misses()).isEmpty();
    assertThat(score.honestFalseAlarms()).isEmpty();
    assertThat(fired).extracting(FiredAlert::kind).contains("acceptance_cliff", "hollow_load", "vanished_device");
  }

  @Test
  void aRandomizedPopulationGetsTheAlertsOfTheOneProcessReplay() throws Exception {
    ScenarioPopulation population = new ScenarioPopulation(6, 23);
    InMemoryTopics topics = new InMemoryTopics(Run.CONFIG.maxClockSkew());
    Set<String> replayed = new TreeSet<>();
    DetectorReplay replay = new DetectorReplay(Run.CONFIG, a -> {
      if (a.getStatus() == AlertStatus.FIRING) {
        replayed.add(a.getCenter() + " " + a.getKind());
      }
    });
    population.run(new ScenarioPopulation.Sink() {
      public void registration(CenterRegistration r) {
        topics.send(new Emission(Topics.CENTERS, r.getCenterId().toString(), REGISTRY.encode(r)));
        replay.registration(r);
      }

      public void inventory(DeviceInventoryEvent e) {
        topics.send(new Emission(Topics.INVENTORY, e.getDeviceUuid().toString(), INVENTORY.encode(e)));
        replay.inventory(e);
      }

      public void lease(LeaseEvent e) {
        topics.send(new Emission(Topics.LEASES, e.getDeviceUuid().toString(), LEASES.encode(e)));
        replay.lease(e);
      }

      public void sample(GpuSample s) {
        topics.send(new Emission(Topics.TELEMETRY, s.getDeviceUuid().toString(), TELEMETRY.encode(s)));
        replay.sample(s);
      }
    });
    replay.finish();
    Set<String> piped = new TreeSet<>();
    Run.of(topics).alerts.collected().forEach(a -> piped.add(a.center() + " " + a.kind()));
    assertThat(piped).as("the job's alerts against the replay's, by center and kind").isEqualTo(replayed)
        .isNotEmpty();
  }

  private static final AvroCodec<CenterRegistration> REGISTRY = AvroCodec.of(CenterRegistration.class);
  private static final AvroCodec<DeviceInventoryEvent> INVENTORY = AvroCodec.of(DeviceInventoryEvent.class);
  private static final AvroCodec<LeaseEvent> LEASES = AvroCodec.of(LeaseEvent.class);
  private static final AvroCodec<GpuSample> TELEMETRY = AvroCodec.of(GpuSample.class);

  /** One row as a test reads it back: its key, its description as {@link TruthCheck} writes it, its duplicates. */
  private record Row(String key, String description, long duplicates) {

    static Row of(RatesRow r) {
      WindowTotals t = r.totals;
      String description;
      if (r.slice == null) {
        description = TruthCheck.describe(r.planned, r.centers, r.reportingCenters, r.reportedWindows,
            t.rackedDeviceWindows, t.litDeviceWindows, t.occupiedDeviceWindows, t.sampleCount, t.unrackedSamples);
      } else if (r.slice.kind == Slice.Kind.MODEL) {
        description = TruthCheck.describe(new WindowTruth.Stability(t.erroringDeviceWindows, t.errorOnsets,
            t.dropouts, t.silentDeviceWindows, t.resets, t.erroringByClass.clone()))
            + TruthCheck.describe(null, r.centers, r.reportingCenters, r.reportedWindows, t.rackedDeviceWindows,
                t.litDeviceWindows, t.occupiedDeviceWindows, t.sampleCount, t.unrackedSamples);
      } else {
        // a tenant's windows are all racked and occupied (the tenant usage table has no other count)
        description = TruthCheck.describe(null, r.centers, r.reportingCenters, r.reportedWindows,
            t.occupiedDeviceWindows, t.litDeviceWindows, t.occupiedDeviceWindows, t.sampleCount, 0);
      }
      return new Row(r.key(), description, t.duplicateSamples);
    }
  }

  /** The job run to its end over bounded in-memory topics, and what each sink received. */
  private static final class Run {
    final CollectingSink<RatesRow, Row> rates = CollectingSink.of(Row::of);
    final CollectingSink<RatesRow, Row> models = CollectingSink.of(Row::of);
    final CollectingSink<RatesRow, Row> tenants = CollectingSink.of(Row::of);
    final CollectingSink<DeadLetter, String> deadLetters = CollectingSink.of(d -> d.getReason().toString());
    /** Firing alerts; a resolution repeats its alert with a later status. */
    final CollectingSink<Alert, FiredAlert> alerts = CollectingSink.of(a -> a.getStatus() != AlertStatus.FIRING ? null
        : new FiredAlert(a.getCenter().toString(), a.getKind().toString(), a.getStartedAt().toEpochMilli(),
            a.getDetectedAt().toEpochMilli()));

    /** Bounded topics of one partition each: nothing is idle, nothing to align. */
    static final RatesJobConfig CONFIG = RatesJobConfig.defaults().toBuilder().parallelism(2)
        .idleness(Duration.ZERO).telemetryIdleness(Duration.ZERO).maxPartitionDrift(Duration.ZERO).build();

    static Run of(InMemoryTopics topics) throws Exception {
      Run run = new Run();
      StreamExecutionEnvironment env = EmbeddedRatesJob.localEnvironment(CONFIG.parallelism(),
          Files.createTempDirectory("litmeter-topology-"), 0);
      RatesJob.configure(env, CONFIG);
      RatesJob.build(env, RatesJob.sources(topics, CONFIG.parallelism()), new RatesJob.Sinks(
          CollectingSink.discarding(), run.rates, CollectingSink.discarding(), run.models, run.tenants,
          CollectingSink.discarding(), CollectingSink.discarding(), run.deadLetters, CollectingSink.discarding(),
          run.alerts, CollectingSink.discarding(), AlertDelivery.none()), CONFIG);
      try {
        env.execute("rates job topology test");
      } finally {
        topics.close();
      }
      return run;
    }

    /** The newest row of each key, as ClickHouse's FINAL keeps it. */
    Map<String, Row> latest(CollectingSink<RatesRow, Row> sink) {
      Map<String, Row> latest = new LinkedHashMap<>();
      sink.collected().forEach(r -> latest.put(r.key, r));
      return latest;
    }

    Map<String, String> rows(CollectingSink<RatesRow, Row> sink) {
      Map<String, String> rows = new TreeMap<>();
      latest(sink).forEach((key, row) -> rows.put(key, row.description));
      return rows;
    }
  }
}

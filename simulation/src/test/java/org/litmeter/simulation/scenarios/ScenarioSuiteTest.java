package org.litmeter.simulation.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.litmeter.ingest.kafka.Emission;
import org.litmeter.schema.AvroCodec;
import org.litmeter.schema.GpuSample;
import org.litmeter.schema.Topics;

class ScenarioSuiteTest {

  private final AvroCodec<GpuSample> codec = AvroCodec.of(GpuSample.class);

  @Test
  void everyCenterIsRegisteredBeforeItsTelemetryWhichArrivesInTimeOrderExceptWhereLatenessIsTheScenario()
      throws Exception {
    ScenarioSuite suite = new ScenarioSuite(3);
    List<Emission> out = new ArrayList<>();
    long samples = suite.run(out::add);

    int registered = 0;
    while (out.get(registered).topic() == Topics.CENTERS) {
      registered++;
    }
    assertThat(registered).isEqualTo(suite.scenarios().size());
    Map<String, Long> latestByCenter = new HashMap<>();
    long outOfOrder = 0;
    long telemetry = 0;
    long maxSoFar = 0;
    long backwardsAcrossCenters = 0;
    for (Emission e : out.subList(registered, out.size())) {
      assertThat(e.topic()).isNotEqualTo(Topics.CENTERS);
      if (e.topic() != Topics.TELEMETRY) {
        continue;
      }
      telemetry++;
      GpuSample s = codec.decode(e.value());
      long t = s.getEventTime().toEpochMilli();
      Long previous = latestByCenter.merge(s.getCenter(), t, Math::max);
      if (previous != t) {
        outOfOrder++;
        assertThat(s.getCenter()).isEqualTo("sc-late-data");
      }
      // centers are interleaved window by window (as exporters batch), so a sample may be up to a
      // window behind the newest one sent; the late-data center's delays add up to 150 s
      long allowed = s.getCenter().equals("sc-late-data") ? 450_000 : 300_000;
      if (t < maxSoFar - allowed) {
        backwardsAcrossCenters++;
      }
      maxSoFar = Math.max(maxSoFar, t);
    }
    assertThat(telemetry).isEqualTo(samples);
    assertThat(outOfOrder).as("the late-data center's reordering").isPositive();
    assertThat(backwardsAcrossCenters).as("centers interleaved in event time, window by window").isZero();
  }

  @Test
  void theSameSeedGivesTheSameStreamAndHonestCentersExpectNothing() {
    List<byte[]> first = new ArrayList<>();
    List<byte[]> second = new ArrayList<>();
    new ScenarioSuite(5).run(e -> first.add(e.value()));
    new ScenarioSuite(5).run(e -> second.add(e.value()));
    assertThat(second).hasSameSizeAs(first);
    for (int i = 0; i < first.size(); i += 997) {
      assertThat(second.get(i)).isEqualTo(first.get(i));
    }
    List<Scenario> scenarios = new ScenarioSuite(5).scenarios();
    assertThat(scenarios).filteredOn(Scenario::honest).hasSizeGreaterThanOrEqualTo(7)
        .allSatisfy(s -> assertThat(s.expected()).isEmpty());
    assertThat(scenarios).filteredOn(s -> !s.honest()).allSatisfy(s -> assertThat(s.expected()).isNotEmpty());
  }
}

package org.litmeter.simulation.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DetectionScoreTest {

  private static final long HOUR = 3_600_000L;

  private final List<Scenario> scenarios = List.of(
      new Scenario("c-honest", "honest", "", true, Map.of()),
      new Scenario("c-hollow", "hollow", "", false, Map.of("hollow_load", 10 * HOUR)),
      new Scenario("c-both", "both", "", false, Map.of("hollow_load", 0L, "acceptance_cliff", 100 * HOUR)),
      new Scenario("c-affiliate", "affiliate", "", false, Map.of("acceptance_aligned_tenant", 50 * HOUR),
          Set.of("acceptance_cliff"), Map.of()));

  @Test
  void countsCenterKindPairsAndMeasuresTheDelayOfTheFirstDetection() {
    DetectionScore score = DetectionScore.of(scenarios, List.of(
        new FiredAlert("c-hollow", "hollow_load", 10 * HOUR, 12 * HOUR),
        new FiredAlert("c-hollow", "hollow_load", 10 * HOUR, 11 * HOUR),
        new FiredAlert("c-both", "hollow_load", 0, 3 * HOUR),
        new FiredAlert("c-both", "lit_unoccupied", 0, 3 * HOUR),
        new FiredAlert("c-honest", "lit_unoccupied", 0, 5 * HOUR),
        new FiredAlert("c-affiliate", "acceptance_cliff", 40 * HOUR, 60 * HOUR),
        new FiredAlert("elsewhere", "hollow_load", 0, 5 * HOUR)));

    DetectionScore.KindScore hollow = score.byKind().stream().filter(k -> k.kind().equals("hollow_load")).findFirst()
        .orElseThrow();
    assertThat(hollow.truePositives()).isEqualTo(2);
    assertThat(hollow.falsePositives()).isZero();
    assertThat(hollow.meanDelayHours()).isEqualTo(2.0);
    assertThat(hollow.maxDelayHours()).isEqualTo(3.0);
    assertThat(hollow.medianDelayHours()).isEqualTo(2.0);

    DetectionScore.KindScore unoccupied = score.byKind().stream().filter(k -> k.kind().equals("lit_unoccupied"))
        .findFirst().orElseThrow();
    assertThat(unoccupied.falsePositives()).isEqualTo(2);
    assertThat(unoccupied.precision()).isZero();
    assertThat(unoccupied.recall()).isNaN();

    assertThat(score.overall().truePositives()).isEqualTo(2);
    assertThat(score.overall().falseNegatives()).isEqualTo(2);
    assertThat(score.overall().recall()).isEqualTo(2.0 / 4);
    assertThat(score.byKind()).filteredOn(k -> k.kind().equals("acceptance_cliff")).singleElement()
        .satisfies(k -> assertThat(k.falsePositives()).as("a true finding of the affiliate's center").isZero());
    assertThat(score.misses()).containsExactly("c-affiliate (affiliate): acceptance_aligned_tenant",
        "c-both (both): acceptance_cliff");
    assertThat(score.honestFalseAlarms()).containsExactly("c-honest (honest): lit_unoccupied");
    assertThat(score.honestCentersAlerted()).isEqualTo(1.0);
    assertThat(score.meetsAim(0.5, 0.01)).isFalse();
  }

  @Test
  void aPerfectRunMeetsTheAim() {
    DetectionScore score = DetectionScore.of(scenarios, List.of(
        new FiredAlert("c-hollow", "hollow_load", 10 * HOUR, 11 * HOUR),
        new FiredAlert("c-both", "hollow_load", 0, HOUR),
        new FiredAlert("c-both", "acceptance_cliff", 100 * HOUR, 300 * HOUR),
        new FiredAlert("c-affiliate", "acceptance_aligned_tenant", 0, 60 * HOUR)));

    assertThat(score.overall().recall()).isEqualTo(1.0);
    assertThat(score.overall().precision()).isEqualTo(1.0);
    assertThat(score.meetsAim(0.95, 0.0)).isTrue();
  }
}

package org.litmeter.ingest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetectionScoreTest {

  private static final long HOUR = 3_600_000L;

  private final List<Scenario> scenarios = List.of(
      new Scenario("c-honest", "honest", "", true, Map.of()),
      new Scenario("c-hollow", "hollow", "", false, Map.of("hollow_load", 10 * HOUR)),
      new Scenario("c-both", "both", "", false, Map.of("hollow_load", 0L, "acceptance_cliff", 100 * HOUR)));

  @Test
  void countsCenterKindPairsAndMeasuresTheDelayOfTheFirstDetection() {
    DetectionScore score = DetectionScore.of(scenarios, List.of(
        new FiredAlert("c-hollow", "hollow_load", 10 * HOUR, 12 * HOUR),
        new FiredAlert("c-hollow", "hollow_load", 10 * HOUR, 11 * HOUR),
        new FiredAlert("c-both", "hollow_load", 0, 3 * HOUR),
        new FiredAlert("c-both", "lit_unoccupied", 0, 3 * HOUR),
        new FiredAlert("c-honest", "lit_unoccupied", 0, 5 * HOUR),
        new FiredAlert("elsewhere", "hollow_load", 0, 5 * HOUR)));

    DetectionScore.KindScore hollow = score.byKind().stream().filter(k -> k.kind().equals("hollow_load")).findFirst()
        .orElseThrow();
    assertThat(hollow.truePositives()).isEqualTo(2);
    assertThat(hollow.falsePositives()).isZero();
    assertThat(hollow.meanDelayHours()).isEqualTo(2.0);
    assertThat(hollow.maxDelayHours()).isEqualTo(3.0);

    DetectionScore.KindScore unoccupied = score.byKind().stream().filter(k -> k.kind().equals("lit_unoccupied"))
        .findFirst().orElseThrow();
    assertThat(unoccupied.falsePositives()).isEqualTo(2);
    assertThat(unoccupied.precision()).isZero();
    assertThat(unoccupied.recall()).isNaN();

    assertThat(score.overall().truePositives()).isEqualTo(2);
    assertThat(score.overall().falseNegatives()).isEqualTo(1);
    assertThat(score.overall().recall()).isEqualTo(2.0 / 3);
    assertThat(score.misses()).containsExactly("both: acceptance_cliff");
    assertThat(score.honestFalseAlarms()).containsExactly("honest: lit_unoccupied");
    assertThat(score.meetsAim(0.5)).isFalse();
  }

  @Test
  void aPerfectRunMeetsTheAim() {
    DetectionScore score = DetectionScore.of(scenarios, List.of(
        new FiredAlert("c-hollow", "hollow_load", 10 * HOUR, 11 * HOUR),
        new FiredAlert("c-both", "hollow_load", 0, HOUR),
        new FiredAlert("c-both", "acceptance_cliff", 100 * HOUR, 300 * HOUR)));

    assertThat(score.overall().recall()).isEqualTo(1.0);
    assertThat(score.overall().precision()).isEqualTo(1.0);
    assertThat(score.meetsAim(0.95)).isTrue();
  }
}

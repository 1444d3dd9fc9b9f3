package org.litmeter.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.litmeter.schema.Alert;

class AcceptanceDetectorsTest extends DetectorFixtures {

  static final long DAY = 86_400_000L;
  static final long START = T0;
  static final long END = T0 + 59 * DAY;

  /** Feeds 100 days; {@code litDevices} and {@code tenants} give a day's mean lit devices and tenant shares. */
  private static List<Alert> run(LongFunction<Double> litDevices, LongFunction<Map<String, Long>> tenants) {
    AcceptanceDetectors d = new AcceptanceDetectors();
    List<Alert> alerts = new ArrayList<>();
    for (int i = -10; i < 100; i++) {
      long day = T0 + i * DAY;
      long lit = Math.round(litDevices.apply(i) * 288);
      alerts.addAll(d.onDay(CENTER, day, lit, lit, 100 * 288, tenants.apply(i), START, END, S));
    }
    return alerts;
  }

  @Test
  void loadWithdrawnRightAfterAcceptanceIsACliff() {
    List<Alert> alerts = run(i -> i <= 62 ? 80.0 : 12.0, i -> i <= 62
        ? Map.of("vendor-sham", 60L * 288, "real-customer", 20L * 288) : Map.of("real-customer", 12L * 288));
    assertThat(alerts).filteredOn(a -> a.getKind().equals("acceptance_cliff")).singleElement().satisfies(a -> {
      assertThat(a.getStartedAt().toEpochMilli()).isEqualTo(T0 + 63 * DAY);
      assertThat(a.getEvidence()).containsEntry("lit_before", "80.000").containsEntry("lit_after", "12.000")
          .containsEntry("tenants_gone", "vendor-sham");
      assertThat(Double.parseDouble(a.getEvidence().get("relative_drop"))).isEqualTo(0.85);
    });
  }

  @Test
  void steadyOrSlowlyDecliningOrDippingCentersAreNotCliffs() {
    assertThat(run(i -> 70.0, i -> Map.of())).isEmpty();
    assertThat(run(i -> 80.0 - 0.3 * Math.max(0, i), i -> Map.of())).as("gradual decline").isEmpty();
    assertThat(run(i -> i >= 61 && i <= 70 ? 10.0 : 70.0, i -> Map.of())).as("a ten-day holiday lull").isEmpty();
    assertThat(run(i -> i >= 90 ? 10.0 : 70.0, i -> Map.of())).as("a drop months later").isEmpty();
  }

  @Test
  void aTenantThatComesAndGoesWithTheAcceptancePeriodIsAligned() {
    List<Alert> alerts = run(i -> 50.0, i -> {
      Map<String, Long> m = new java.util.HashMap<>(Map.of("always-there", 30L * 288));
      if (i >= 2 && i <= 57) {
        m.put("vendor-affiliate", 20L * 288);
      }
      return m;
    });
    assertThat(alerts).filteredOn(a -> a.getKind().equals("acceptance_aligned_tenant")).singleElement()
        .satisfies(a -> assertThat(a.getTenant()).isEqualTo("vendor-affiliate"));
  }

  @Test
  void dailyStateIsDroppedOnceBothJudgementsAreFinal() {
    AcceptanceDetectors d = new AcceptanceDetectors();
    for (int i = -10; i < 100; i++) {
      d.onDay(CENTER, T0 + i * DAY, 50 * 288, 50 * 288, 100 * 288, Map.of("t", 50L * 288), START, END, S);
      if (i == 80) {
        assertThat(d.days).as("within the look-out").isNotEmpty();
      }
    }
    assertThat(d.days).isEmpty();
    assertThat(d.tenants).isEmpty();
  }
}

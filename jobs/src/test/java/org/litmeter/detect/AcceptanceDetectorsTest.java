package org.litmeter.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.litmeter.schema.Alert;
import org.litmeter.schema.AlertStatus;

class AcceptanceDetectorsTest extends DetectorFixtures {

  static final long DAY = 86_400_000L;
  static final long START = T0;
  /** A 60-day acceptance period: days 0 to 59. */
  static final long END = T0 + 59 * DAY;

  /**
   * Feeds days -10 to 199; {@code litDevices} and {@code tenants} give a day's mean lit devices and
   * tenant shares; the occupied devices are the tenants' (the lit ones when there are none).
   */
  private static List<Alert> run(IntToDoubleFunction litDevices, IntFunction<Map<String, Long>> tenants) {
    return run(litDevices, tenants, "nvidia");
  }

  /** As above, every tenant on cards of {@code cardVendor}. */
  private static List<Alert> run(IntToDoubleFunction litDevices, IntFunction<Map<String, Long>> tenants,
      String cardVendor) {
    AcceptanceDetectors d = new AcceptanceDetectors();
    List<Alert> alerts = new ArrayList<>();
    for (int i = -10; i < 200; i++) {
      long lit = Math.round(litDevices.applyAsDouble(i) * 288);
      Map<String, Long> shares = tenants.apply(i);
      long occupied = shares.isEmpty() ? lit : shares.values().stream().mapToLong(Long::longValue).sum();
      Map<String, String> vendors = new java.util.HashMap<>();
      shares.keySet().forEach(tenant -> vendors.put(tenant, cardVendor));
      alerts.addAll(d.onDay(CENTER, T0 + i * DAY, lit, occupied, 100 * 288, shares, vendors, START, END, S));
    }
    return alerts;
  }

  /** A day's tenants: "always-there" on {@code base} devices, {@code tenant} on {@code devices} while present. */
  private static IntFunction<Map<String, Long>> besides(long base, String tenant, long devices, IntPredicate present) {
    return i -> present.test(i) ? Map.of("always-there", base * 288, tenant, devices * 288)
        : Map.of("always-there", base * 288);
  }

  private static List<Alert> run(IntToDoubleFunction litDevices) {
    return run(litDevices, i -> Map.of());
  }

  private static List<Alert> cliffs(List<Alert> alerts) {
    return alerts.stream().filter(a -> a.getKind().equals("acceptance_cliff")).toList();
  }

  @Test
  void loadWithdrawnRightAfterAcceptanceIsACliff() {
    List<Alert> alerts = run(i -> i <= 62 ? 80.0 : 12.0, i -> i <= 62
        ? Map.of("vendor-sham", 60L * 288, "real-customer", 20L * 288) : Map.of("real-customer", 12L * 288));
    assertThat(cliffs(alerts)).singleElement().satisfies(a -> {
      assertThat(a.getStartedAt().toEpochMilli()).isEqualTo(T0 + 63 * DAY);
      assertThat(a.getDetectedAt().toEpochMilli()).as("after 21 days down").isEqualTo(T0 + 84 * DAY);
      assertThat(a.getEvidence()).containsEntry("signal", "lit").containsEntry("before_drop", "80.000")
          .containsEntry("after_drop", "12.000").containsEntry("days_after_acceptance", "4")
          .containsEntry("tenants_gone", "vendor-sham").containsEntry("days_below_mark", "21")
          .containsEntry("stay_days", "21").containsKey("score_basis");
      assertThat(texts(a)).containsExactly(
          "lit devices fell from 80.0 to 12.0 (85% drop on 2026-08-03, 4 days after the acceptance period ended; 80.0 during the period) and stayed down for 21 days",
          "验收期结束4天后（2026年8月3日），点亮设备由80.0台降至12.0台，降幅85%（验收期内为80.0台），此后21天未见回升");
      assertThat(Double.parseDouble(a.getEvidence().get("relative_drop"))).isEqualTo(0.85);
      assertThat(a.getScore()).isEqualTo(0.85);
    });
  }

  @Test
  void aWithdrawalThatWaitsWeeksIsStillACliff() {
    for (int wait : new int[] {-5, 20, 50, 85}) {
      int dropDay = 59 + wait;
      assertThat(cliffs(run(i -> i < dropDay ? 70.0 : 20.0))).as("withdrawn %d days after", wait).singleElement()
          .satisfies(a -> assertThat(a.getStartedAt().toEpochMilli()).isEqualTo(T0 + dropDay * DAY));
    }
    assertThat(cliffs(run(i -> i < 59 + 100 ? 70.0 : 20.0))).as("100 days after: beyond the look-out").isEmpty();
  }

  @Test
  void steadyDecliningDippingOrInterruptedCentersAreNotCliffs() {
    assertThat(run(i -> 70.0)).as("steady").isEmpty();
    assertThat(run(i -> 80.0 - 0.3 * Math.max(0, i))).as("a slow linear decline").isEmpty();
    assertThat(run(i -> 70.0 * Math.pow(0.985, Math.max(0, i - 59)))).as("demand falling 1.5% a day").isEmpty();
    assertThat(run(i -> Math.max(5.0, 70.0 - 1.5 * Math.max(0, i - 59)))).as("demand falling to almost nothing"
        + " over six weeks").isEmpty();
    assertThat(run(i -> i >= 61 && i <= 74 ? 10.0 : 70.0)).as("a two-week holiday lull").isEmpty();
    assertThat(run(i -> i >= 100 && i <= 102 ? 0.0 : 70.0)).as("a three-day outage").isEmpty();
    assertThat(run(i -> i < 30 ? 2.0 * i : 60.0)).as("a ramp-up").isEmpty();
  }

  @Test
  void aTenantThatComesAndGoesWithTheAcceptancePeriodIsAlignedUntilItComesBack() {
    List<Alert> alerts = run(i -> 50.0, besides(30, "vendor-affiliate", 20, i -> (i >= 2 && i <= 57) || i >= 150));
    List<Alert> aligned = alerts.stream().filter(a -> a.getKind().equals("acceptance_aligned_tenant")).toList();
    assertThat(aligned).hasSize(2);
    assertThat(aligned.get(0)).satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
      assertThat(a.getTenant()).isEqualTo("vendor-affiliate");
      assertThat(a.getDetectedAt().toEpochMilli()).as("56 days after its last day").isEqualTo(T0 + 114 * DAY);
      assertThat(texts(a)).containsExactly(
          "tenant vendor-affiliate used the center only during its acceptance period (2026-06-03 to 2026-07-28, 56 of 60 days, 38% of the period's occupancy) and has been gone for 56 days",
          "租户vendor-affiliate只在验收期内使用该中心（2026年6月3日至2026年7月28日，验收期60天中出现56天，占验收期占用量的38%），至今已离开56天");
      assertThat(a.getEvidence()).containsEntry("days_present_in_period", "56").containsEntry("acceptance_days", "60")
          .containsEntry("load_in_last_two_weeks_vs_period", "1.000");
      // one departure (its own) in 180 tenant-days, two substantial tenants, a 56-day tenancy
      double chance = Double.parseDouble(a.getEvidence().get("chance_under_center_churn"));
      assertThat(chance).isBetween(0.10, 0.13);
      assertThat(a.getScore()).isCloseTo(1 - chance, org.assertj.core.data.Offset.offset(0.001));
    });
    assertThat(aligned.get(1)).as("it came back").satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(a.getAlertId()).isEqualTo(aligned.get(0).getAlertId());
      assertThat(a.getResolvedAt().toEpochMilli()).isEqualTo(T0 + 150 * DAY);
      assertThat(texts(a)).containsExactly(
          "tenant vendor-affiliate came back on 2026-10-29: not a tenant that left with the acceptance period",
          "租户vendor-affiliate已于2026年10月29日回归，并非随验收期结束而离开的租户");
    });
  }

  @Test
  void aChipVendorLeasingItsOwnChipsIsFlagged() {
    List<Alert> alerts = run(i -> 50.0, besides(30, "Huawei-Cloud-Ops", 20, i -> i >= 2 && i <= 57), "huawei");
    assertThat(alerts).filteredOn(a -> a.getKind().equals("acceptance_aligned_tenant")).singleElement()
        .satisfies(a -> {
          assertThat(a.getEvidence()).containsEntry("card_vendor", "huawei").containsEntry("tenant_is_card_vendor", "yes");
          assertThat(texts(a)).allSatisfy(text -> assertThat(text).contains("Huawei-Cloud-Ops"))
              .anySatisfy(text -> assertThat(text).endsWith("; the tenant is Huawei Ascend, the maker of the cards it"
                  + " held: a chip vendor leasing its own chips"))
              .anySatisfy(text -> assertThat(text).endsWith("；该租户即其所租加速卡的厂商华为昇腾，属芯片厂商自租自家芯片"));
        });
    assertThat(run(i -> 50.0, besides(30, "Huawei-Cloud-Ops", 20, i -> i >= 2 && i <= 57), "nvidia"))
        .as("the same tenant on another vendor's cards").filteredOn(a -> a.getKind().equals("acceptance_aligned_tenant"))
        .singleElement().satisfies(a -> assertThat(a.getEvidence()).containsEntry("card_vendor", "nvidia")
            .doesNotContainKey("tenant_is_card_vendor"));
  }

  @Test
  void ordinaryChurnIsNotAlignment() {
    assertThat(run(i -> 50.0, besides(30, "gappy", 20, i -> i >= 2 && i <= 57 && (i < 20 || i > 30))))
        .as("a tenant with a ten-day gap during the period").isEmpty();
    assertThat(run(i -> 50.0, besides(30, "between-contracts", 20, i -> i >= 2 && i <= 57 && (i < 20 || i > 22))))
        .as("a tenant away for three days between contracts").isEmpty();
    assertThat(run(i -> 50.0, i -> {
      Map<String, Long> m = new HashMap<>(Map.of("always-there", 30L * 288));
      if (i >= 2 && i <= 57) {
        m.put("winding-down", (i <= 45 ? 20L : 4L) * 288);
      }
      return m;
    })).as("a customer whose leases ended one by one").isEmpty();
    assertThat(run(i -> 50.0, i -> {
      Map<String, Long> m = new HashMap<>(Map.of("always-there", 30L * 288));
      m.put(i >= 2 && i <= 57 ? "left" : i > 70 ? "took-its-cards" : "nobody", 20L * 288);
      return m;
    })).as("a customer whose cards were leased again").isEmpty();
    assertThat(run(i -> 50.0, besides(30, "returns", 20, i -> (i >= 2 && i <= 57) || i >= 95)))
        .as("a tenant back within six weeks").isEmpty();
    assertThat(run(i -> 50.0, besides(300, "small", 10, i -> i >= 2 && i <= 57)))
        .as("a tenant with 3% of the occupancy").isEmpty();
  }

  @Test
  void dailyStateIsDroppedOnceEveryJudgementIsFinal() {
    AcceptanceDetectors d = new AcceptanceDetectors();
    for (int i = -10; i < 200; i++) {
      d.onDay(CENTER, T0 + i * DAY, 50 * 288, 50 * 288, 100 * 288, Map.of("t", 50L * 288), Map.of("t", "nvidia"),
          START, END, S);
      if (i == 59 + 110) {
        assertThat(d.days).as("within the look-out").isNotEmpty();
      }
    }
    assertThat(d.days).isEmpty();
    assertThat(d.tenants).isEmpty();
  }
}

package org.litmeter.rates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.litmeter.schema.InventoryAction;
import org.litmeter.schema.LeaseAction;

class RateRulesTest extends RatesFixtures {

  private static DeviceHistory history() {
    return new DeviceHistory();
  }

  @Test
  void aDeviceThatReportsOnceIsRacked() {
    DeviceWindow w = window(T0, history(), reading(GPU_A, 2).build());
    assertThat(w.racked).isTrue();
    assertThat(w.lit).isFalse();
    assertThat(w.occupied).isFalse();
    assertThat(w.sampleCount).isEqualTo(1);
  }

  @Test
  void aDeviceRemovedBeforeTheWindowEndsIsNotRackedEvenIfItReportedBefore() {
    DeviceHistory h = history();
    h.addInventory(InventoryAction.REMOVED, at(3));
    DeviceWindow w = window(T0, h, reading(GPU_A, 1).busy().build());
    assertThat(w.racked).isFalse();
    assertThat(w.lit).as("an unracked device is never lit").isFalse();
  }

  @Test
  void removalExactlyAtTheWindowEndCountsForTheNextWindow() {
    DeviceHistory h = history();
    h.addInventory(InventoryAction.FAILED, at(5));
    assertThat(window(T0, h, reading(GPU_A, 1).build()).racked).isTrue();
    assertThat(window(T0 + FIVE_MINUTES, h, reading(GPU_A, 6).build()).racked).isFalse();
  }

  @Test
  void aDeviceRackedAgainWithinTheWindowIsRacked() {
    DeviceHistory h = history();
    h.addInventory(InventoryAction.REMOVED, at(-10));
    h.addInventory(InventoryAction.RACKED, at(4));
    assertThat(window(T0, h, reading(GPU_A, 4.5).build()).racked).isTrue();
    DeviceHistory failed = history();
    failed.addInventory(InventoryAction.FAILED, at(-10));
    failed.addInventory(InventoryAction.REPAIRED, at(2));
    assertThat(window(T0, failed, reading(GPU_A, 3).build()).racked).isTrue();
  }

  @Test
  void deliveredChangesNothing() {
    DeviceHistory h = history();
    h.addInventory(InventoryAction.REMOVED, at(-10));
    h.addInventory(InventoryAction.DELIVERED, at(1));
    assertThat(window(T0, h, reading(GPU_A, 2).build()).racked).isFalse();
  }

  @Test
  void litUsesSmActivityWhenPresent() {
    assertThat(window(T0, history(), reading(GPU_A, 1).busy().build()).lit).isTrue();
    assertThat(window(T0, history(), reading(GPU_A, 1).hollow().build()).lit).as("spin kernel").isFalse();
    // SM activity decides even when utilization and power look busy
    assertThat(window(T0, history(), reading(GPU_A, 1).util(95).power(400).sm(0.02).build()).lit).isFalse();
  }

  @Test
  void litIsTheWindowMeanNotAnySample() {
    DeviceWindow w = window(T0, history(), reading(GPU_A, 1).sm(0.09).build(), reading(GPU_A, 2).sm(0.0).build());
    assertThat(w.lit).as("mean 0.045 < 0.05").isFalse();
    DeviceWindow w2 = window(T0, history(), reading(GPU_A, 1).sm(0.1).build(), reading(GPU_A, 2).sm(0.0).build());
    assertThat(w2.lit).as("mean 0.05").isTrue();
  }

  @Test
  void withoutProfilingFieldsLitNeedsUtilizationAndPower() {
    assertThat(window(T0, history(), reading(GPU_A, 1).noSm().util(80).power(300).build()).lit).isTrue();
    assertThat(window(T0, history(), reading(GPU_A, 1).noSm().util(100).power(90).build()).lit)
        .as("busy-looking but drawing idle power").isFalse();
    assertThat(window(T0, history(), reading(GPU_A, 1).noSm().util(5).power(300).build()).lit).isFalse();
    assertThat(window(T0, history(), reading(GPU_A, 1).noSm().noPower().util(100).build()).lit)
        .as("utilization alone is never enough").isFalse();
    LitThresholds utilizationOnly = LitThresholds.defaults().withoutPowerRequired();
    assertThat(utilizationOnly.isLit(Double.NaN, 50, Double.NaN, 100)).as("unless configured so").isTrue();
    assertThat(utilizationOnly.isLit(Double.NaN, 50, 60, 100)).as("reported power still counts").isFalse();
  }

  @Test
  void powerThresholdFollowsTheModel() {
    LitThresholds t = LitThresholds.defaults();
    assertThat(t.powerMinWatts("NVIDIA L4")).isEqualTo(30);
    assertThat(t.powerMinWatts("NVIDIA L40S")).isEqualTo(100);
    assertThat(t.powerMinWatts("Tesla T4")).isEqualTo(30);
    assertThat(t.powerMinWatts(null)).isEqualTo(100);
    LitThresholds custom = new LitThresholds(0.1, 20, 150, Map.of("H20", 120.0), true);
    assertThat(custom.powerMinWatts("NVIDIA H20")).isEqualTo(120);
    assertThat(custom.isLit(Double.NaN, 30, 130, custom.powerMinWatts("NVIDIA H20"))).isTrue();
    assertThat(custom.isLit(Double.NaN, 30, 130, custom.powerMinWatts("NVIDIA H100"))).isFalse();
    assertThat(window(T0, new DeviceHistory(), reading(GPU_A, 1).noSm().util(80).power(50).model("NVIDIA L4")
        .build()).lit).as("an L4 at 50 W works").isTrue();
  }

  @Test
  void occupiedByLeaseOrTenantLabel() {
    assertThat(window(T0, history(), reading(GPU_A, 1).tenant().build()).occupied).isTrue();
    DeviceHistory leasedBefore = history();
    leasedBefore.addLease(LeaseAction.START, at(-60), "tenant-x");
    assertThat(window(T0, leasedBefore, reading(GPU_A, 1).build()).occupied).isTrue();
    DeviceHistory startsInside = history();
    startsInside.addLease(LeaseAction.START, at(4.9), "tenant-x");
    assertThat(window(T0, startsInside, reading(GPU_A, 1).build()).occupied).isTrue();
    DeviceHistory startsAtEnd = history();
    startsAtEnd.addLease(LeaseAction.START, at(5), "tenant-x");
    assertThat(window(T0, startsAtEnd, reading(GPU_A, 1).build()).occupied).isFalse();
    DeviceHistory endedAtStart = history();
    endedAtStart.addLease(LeaseAction.START, at(-60), "tenant-x");
    endedAtStart.addLease(LeaseAction.END, at(0), "tenant-x");
    assertThat(window(T0, endedAtStart, reading(GPU_A, 1).build()).occupied).isFalse();
    DeviceHistory endsInside = history();
    endsInside.addLease(LeaseAction.START, at(-60), "tenant-x");
    endsInside.addLease(LeaseAction.END, at(0.5), "tenant-x");
    assertThat(window(T0, endsInside, reading(GPU_A, 1).build()).occupied).isTrue();
  }

  @Test
  void theWindowsTenantIsTheLeasesElseTheLabels() {
    DeviceHistory leased = history();
    leased.addLease(LeaseAction.START, at(-60), "vendor-a");
    assertThat(window(T0, leased, reading(GPU_A, 1).tenant().build()).tenant).isEqualTo("vendor-a");
    assertThat(window(T0, history(), reading(GPU_A, 1).tenant().build()).tenant).isEqualTo("tenant-label");
    assertThat(window(T0, history(), reading(GPU_A, 1).build()).tenant).isNull();
  }

  @Test
  void aLeaseEndingAsAnotherStartsLeavesTheDeviceLeasedWhateverTheArrivalOrder() {
    DeviceHistory startFirst = history();
    startFirst.addLease(LeaseAction.START, at(-60), "tenant-x");
    startFirst.addLease(LeaseAction.START, at(0), "tenant-x");
    startFirst.addLease(LeaseAction.END, at(0), "tenant-x");
    assertThat(startFirst.leasedDuring(at(0), at(5))).isTrue();
  }

  @Test
  void energyIsMeanPowerOverTheWindow() {
    DeviceWindow w = window(T0, history(), reading(GPU_A, 1).power(300).build(), reading(GPU_A, 2).power(500).build());
    assertThat(w.energyMj).isEqualTo(400L * 300 * 1000);
  }

  @Test
  void ratesAreRatiosOfDeviceWindows() {
    RatesRow row = centerRow(Resolution.FIVE_MINUTES, 10, 8, 4, 2);
    assertThat(RateRules.rackedRate(row)).isEqualTo(0.8);
    assertThat(RateRules.litRate(row)).isEqualTo(0.5);
    assertThat(RateRules.occupiedRate(row)).isEqualTo(0.25);
    assertThat(RateRules.meanDevices(row, 8)).isEqualTo(8);
  }

  @Test
  void anHourWithMissingWindowsCountsThemAsZeroRacked() {
    // 6 of 12 windows reported 8 racked devices each: the hour averages 4 of 10 planned
    RatesRow hour = centerRow(Resolution.HOUR, 10, 48, 24, 12);
    assertThat(RateRules.rackedRate(hour)).isCloseTo(0.4, within(1e-12));
    assertThat(RateRules.meanDevices(hour, 48)).isEqualTo(4);
    assertThat(RateRules.litRate(hour)).isEqualTo(0.5);
  }

  @Test
  void zeroPlannedOrZeroRackedGiveNoRateInsteadOfInfinity() {
    assertThat(RateRules.rackedRate(centerRow(Resolution.FIVE_MINUTES, 0, 3, 1, 1))).isNull();
    RatesRow nothingRacked = centerRow(Resolution.FIVE_MINUTES, 10, 0, 0, 0);
    assertThat(RateRules.rackedRate(nothingRacked)).isZero();
    assertThat(RateRules.litRate(nothingRacked)).isNull();
    assertThat(RateRules.occupiedRate(nothingRacked)).isNull();
    assertThat(RateRules.meanGpuUtil(nothingRacked)).isNull();
    assertThat(RateRules.meanSmActive(nothingRacked)).isNull();
  }

  @Test
  void meansComeFromTheSamplesOfRackedDevicesOnly() {
    WindowTotals totals = new WindowTotals();
    totals.add(window(T0, history(), reading(GPU_A, 1).util(80).sm(0.5).build()));
    DeviceHistory removed = history();
    removed.addInventory(InventoryAction.REMOVED, at(-1));
    totals.add(window(T0, removed, reading(GPU_B, 1).util(0).sm(0).build()));
    RatesRow row = centerRow(Resolution.FIVE_MINUTES, 2, 0, 0, 0);
    row.totals = totals;
    assertThat(RateRules.meanGpuUtil(row)).isEqualTo(80);
    assertThat(RateRules.meanSmActive(row)).isEqualTo(0.5);
    assertThat(totals.unrackedSamples).isEqualTo(1);
    assertThat(totals.rackedDeviceWindows).isEqualTo(1);
  }

  private static RatesRow centerRow(Resolution resolution, long planned, long racked, long lit, long occupied) {
    RatesRow row = new RatesRow();
    row.scope = Scope.CENTER;
    row.scopeId = CENTER;
    row.resolution = resolution;
    row.planned = planned;
    row.totals.rackedDeviceWindows = racked;
    row.totals.litDeviceWindows = lit;
    row.totals.occupiedDeviceWindows = occupied;
    return row;
  }
}

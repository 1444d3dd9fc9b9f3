package org.litmeter.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.litmeter.jobs.functions.CenterWindowFunctionTest.center;

import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.litmeter.jobs.model.ScopedRow;
import org.litmeter.rates.RatesFixtures;
import org.litmeter.rates.RatesRow;
import org.litmeter.rates.Resolution;
import org.litmeter.rates.Scope;
import org.litmeter.rates.Slice;
import org.litmeter.rates.WindowClock;
import org.litmeter.schema.CenterRegistration;
import org.litmeter.schema.Region;

class RollupFunctionTest extends RatesFixtures {

  private static final WindowClock CLOCK = new WindowClock(60_000);
  private static final long HOUR = 3_600_000L;

  private KeyedBroadcastOperatorTestHarness<String, ScopedRow, CenterRegistration, RatesRow> harness;

  @BeforeEach
  void open() throws Exception {
    harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
        new RollupFunction(CLOCK, ZoneOffset.ofHours(8)), ScopedRow::scopeKey, Types.STRING,
        CenterWindowFunction.REGISTRY);
    harness.processBroadcastElement(center("c01", "Guizhou", Region.WEST, 10, T0), T0);
    harness.processBroadcastElement(center("c02", "Guizhou", Region.WEST, 20, T0), T0);
    harness.processBroadcastElement(center("c03", "Guizhou", Region.WEST, 30, T0), T0); // never reports
    harness.processBroadcastElement(center("c04", "Beijing", Region.EAST, 40, T0), T0);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void centerRow(String center, long windowStart, long racked, long lit) throws Exception {
    RatesRow row = new RatesRow();
    row.scope = Scope.CENTER;
    row.scopeId = center;
    row.resolution = Resolution.FIVE_MINUTES;
    row.windowStart = windowStart;
    row.windowEnd = windowStart + FIVE_MINUTES;
    row.province = "Guizhou";
    row.region = "west";
    row.totals.rackedDeviceWindows = racked;
    row.totals.litDeviceWindows = lit;
    long close = CLOCK.closeTime(row.windowEnd);
    harness.processElement(new ScopedRow(Scope.PROVINCE, "Guizhou", row), close);
    harness.processElement(new ScopedRow(Scope.CENTER, center, row), close);
  }

  @Test
  void provinceRowsCountEveryRegisteredCenterInThePlannedEvenWhenSilent() throws Exception {
    centerRow("c01", T0, 8, 4);
    centerRow("c02", T0, 16, 2);
    centerRow("c01", T0 + FIVE_MINUTES, 8, 8);
    harness.watermark(CLOCK.closeTime(T0 + HOUR));

    Map<String, RatesRow> rows = new TreeMap<>();
    harness.extractOutputValues().forEach(r -> rows.put(r.key(), r));
    assertThat(rows).containsOnlyKeys(
        "province/Guizhou/5m/" + T0, "province/Guizhou/5m/" + (T0 + FIVE_MINUTES),
        "province/Guizhou/1h/" + T0, "center/c01/1h/" + T0, "center/c02/1h/" + T0);

    RatesRow first = rows.get("province/Guizhou/5m/" + T0);
    assertThat(first.planned).as("c03 is planned too").isEqualTo(60);
    assertThat(first.centers).isEqualTo(3);
    assertThat(first.reportingCenters).isEqualTo(2);
    assertThat(first.totals.rackedDeviceWindows).isEqualTo(24);

    RatesRow hour = rows.get("province/Guizhou/1h/" + T0);
    assertThat(hour.totals.rackedDeviceWindows).isEqualTo(32);
    assertThat(hour.totals.litDeviceWindows).isEqualTo(14);
    assertThat(hour.reportedWindows).isEqualTo(2);
    assertThat(hour.reportingCenters).isEqualTo(2);
    assertThat(org.litmeter.rates.RateRules.rackedRate(hour)).isEqualTo(32.0 / (60 * 12));

    RatesRow c01 = rows.get("center/c01/1h/" + T0);
    assertThat(c01.planned).isEqualTo(10);
    assertThat(c01.province).isEqualTo("Guizhou");
    assertThat(c01.totals.rackedDeviceWindows).isEqualTo(16);
  }

  @Test
  void daysCloseAtMidnightChinaTimeAndStateIsReleased() throws Exception {
    centerRow("c01", T0, 8, 4);
    long dayStart = Resolution.DAY.windowStart(T0, ZoneOffset.ofHours(8));
    harness.watermark(CLOCK.closeTime(dayStart + 24 * HOUR) - 1);
    assertThat(harness.extractOutputValues()).noneMatch(r -> r.resolution == Resolution.DAY);
    harness.watermark(CLOCK.closeTime(dayStart + 24 * HOUR));
    assertThat(harness.extractOutputValues()).filteredOn(r -> r.resolution == Resolution.DAY)
        .extracting(RatesRow::key)
        .containsExactlyInAnyOrder("center/c01/1d/" + dayStart, "province/Guizhou/1d/" + dayStart);
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(((org.apache.flink.runtime.state.heap.HeapKeyedStateBackend<?>) harness.getOperator()
        .getKeyedStateBackend()).numKeyValueStateEntries()).isZero();
  }

  @Test
  void aSliceOfAScopeRollsUpApartFromTheScope() throws Exception {
    RatesRow row = new RatesRow();
    row.scope = Scope.CENTER;
    row.scopeId = "c01";
    row.resolution = Resolution.FIVE_MINUTES;
    row.windowStart = T0;
    row.windowEnd = T0 + FIVE_MINUTES;
    row.slice = Slice.model("huawei", "Ascend910B");
    row.totals.rackedDeviceWindows = 3;
    long close = CLOCK.closeTime(row.windowEnd);
    harness.processElement(new ScopedRow(Scope.PROVINCE, "Guizhou", row), close);
    centerRow("c02", T0, 16, 2);
    harness.watermark(CLOCK.closeTime(T0 + HOUR));

    Map<String, RatesRow> rows = new TreeMap<>();
    harness.extractOutputValues().forEach(r -> rows.put(r.key(), r));
    RatesRow slice = rows.get("province/Guizhou/1h/" + T0 + " model huawei/Ascend910B");
    assertThat(slice.totals.rackedDeviceWindows).isEqualTo(3);
    assertThat(slice.slice).isEqualTo(row.slice);
    assertThat(slice.reportingCenters).isEqualTo(1);
    assertThat(rows.get("province/Guizhou/1h/" + T0).totals.rackedDeviceWindows).isEqualTo(16);
    assertThat(rows.get("province/Guizhou/1h/" + T0).slice).isNull();
  }
}

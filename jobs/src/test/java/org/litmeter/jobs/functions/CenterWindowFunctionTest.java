package org.litmeter.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.litmeter.rates.DeviceHistory;
import org.litmeter.rates.DeviceWindow;
import org.litmeter.rates.RatesFixtures;
import org.litmeter.rates.RatesRow;
import org.litmeter.rates.Slice;
import org.litmeter.rates.WindowClock;
import org.litmeter.schema.CenterRegistration;
import org.litmeter.schema.DeadLetter;
import org.litmeter.schema.Region;

class CenterWindowFunctionTest extends RatesFixtures {

  private static final WindowClock CLOCK = new WindowClock(60_000);
  private static final long CLOSE = CLOCK.closeTime(T0 + FIVE_MINUTES);

  private KeyedBroadcastOperatorTestHarness<String, DeviceWindow, CenterRegistration, RatesRow> harness;

  @BeforeEach
  void open() throws Exception {
    harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new CenterWindowFunction(CLOCK),
        DeviceWindow::centerKey, Types.STRING, CenterWindowFunction.REGISTRY);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  static CenterRegistration center(String id, String province, Region region, int planned, long updatedAt) {
    return CenterRegistration.newBuilder().setCenterId(id).setName(id).setProvince(province).setRegion(region)
        .setPlannedAccelerators(planned).setUpdatedAt(Instant.ofEpochMilli(updatedAt)).build();
  }

  @Test
  void sumsTheDevicesOfAWindowWithThePlannedFromTheRegistry() throws Exception {
    harness.processBroadcastElement(center(CENTER, "Guizhou", Region.WEST, 10, T0), T0);
    harness.processElement(window(T0, new DeviceHistory(), reading(GPU_A, 1).busy().build()), CLOSE);
    harness.processElement(window(T0, new DeviceHistory(), reading(GPU_B, 1).tenant().build()), CLOSE);
    harness.watermark(CLOSE);
    assertThat(harness.extractOutputValues()).singleElement().satisfies(row -> {
      assertThat(row.key()).isEqualTo("center/c01/5m/" + T0);
      assertThat(row.planned).isEqualTo(10);
      assertThat(row.province).isEqualTo("Guizhou");
      assertThat(row.region).isEqualTo("west");
      assertThat(row.totals.rackedDeviceWindows).isEqualTo(2);
      assertThat(row.totals.litDeviceWindows).isEqualTo(1);
      assertThat(row.totals.occupiedDeviceWindows).isEqualTo(1);
    });
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(keyedStateEntries()).isZero();
  }

  @Test
  void theNewestRegistryRecordWinsWhateverTheArrivalOrder() throws Exception {
    harness.processBroadcastElement(center(CENTER, "Guizhou", Region.WEST, 20, T0 + 1000), T0);
    harness.processBroadcastElement(center(CENTER, "Guizhou", Region.WEST, 10, T0), T0);
    harness.processElement(window(T0, new DeviceHistory(), reading(GPU_A, 1).build()), CLOSE);
    harness.watermark(CLOSE);
    assertThat(harness.extractOutputValues()).singleElement().satisfies(row -> assertThat(row.planned).isEqualTo(20));
  }

  @Test
  void anUnregisteredCenterGetsNoRowButADeadLetter() throws Exception {
    harness.processElement(window(T0, new DeviceHistory(), reading(GPU_A, 1).center("nobody").build()), CLOSE);
    harness.watermark(CLOSE);
    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(harness.getSideOutput(CenterWindowFunction.UNKNOWN_CENTER)).extracting(StreamRecord::getValue)
        .extracting(DeadLetter::getReason).containsExactly("UNKNOWN_CENTER");
    assertThat(keyedStateEntries()).isZero();
  }

  @Test
  void eachModelAndTenantOfACenterGetsARowOfItsOwnThatAddsUpToTheCenters() throws Exception {
    harness.processBroadcastElement(center(CENTER, "Guizhou", Region.WEST, 10, T0), T0);
    SliceFanOut slices = new SliceFanOut();
    List<DeviceWindow> windows = List.of(
        window(T0, new DeviceHistory(), reading(GPU_A, 1).busy().tenant("t1").build()),
        window(T0, new DeviceHistory(), reading(GPU_B, 1).model("huawei", "Ascend910B").tenant("t1").build()),
        window(T0, new DeviceHistory(), reading("GPU-c", 1).model("huawei", "Ascend910B").build()));
    List<DeviceWindow> all = new ArrayList<>(windows);
    windows.forEach(w -> slices.flatMap(w, new ListCollector<>(all)));
    for (DeviceWindow w : all) {
      harness.processElement(w, CLOSE);
    }
    harness.watermark(CLOSE);

    Map<String, RatesRow> rows = new TreeMap<>();
    harness.extractOutputValues().forEach(r -> rows.put(r.key(), r));
    String key = "center/c01/5m/" + T0;
    assertThat(rows).containsOnlyKeys(key, key + " model nvidia/" + H100, key + " model huawei/Ascend910B",
        key + " tenant t1");
    assertThat(rows.get(key + " model huawei/Ascend910B").totals.rackedDeviceWindows).isEqualTo(2);
    assertThat(rows.get(key + " model huawei/Ascend910B").totals.occupiedDeviceWindows).isEqualTo(1);
    assertThat(rows.get(key + " model nvidia/" + H100).totals.litDeviceWindows).isEqualTo(1);
    RatesRow tenant = rows.get(key + " tenant t1");
    assertThat(tenant.totals.rackedDeviceWindows).isEqualTo(tenant.totals.occupiedDeviceWindows).isEqualTo(2);
    assertThat(tenant.totals.litDeviceWindows).isEqualTo(1);
    assertThat(tenant.planned).as("the center's, for context").isEqualTo(10);
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(keyedStateEntries()).isZero();
  }

  @Test
  void theSlicesOfAnUnregisteredCenterAddNoDeadLetterToItsOwn() throws Exception {
    DeviceWindow w = window(T0, new DeviceHistory(), reading(GPU_A, 1).center("nobody").tenant("t1").build());
    harness.processElement(w, CLOSE);
    harness.processElement(w.inSlice(Slice.model("nvidia", H100)), CLOSE);
    harness.processElement(w.inSlice(Slice.tenant("t1")), CLOSE);
    harness.watermark(CLOSE);
    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(harness.getSideOutput(CenterWindowFunction.UNKNOWN_CENTER)).hasSize(1);
    assertThat(keyedStateEntries()).isZero();
  }

  private int keyedStateEntries() {
    return ((org.apache.flink.runtime.state.heap.HeapKeyedStateBackend<?>) harness.getOperator()
        .getKeyedStateBackend()).numKeyValueStateEntries();
  }
}

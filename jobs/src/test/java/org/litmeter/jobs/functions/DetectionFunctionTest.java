package org.litmeter.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.litmeter.detect.DetectorFixtures.device;
import static org.litmeter.detect.DetectorFixtures.windowStart;

import java.time.ZoneOffset;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.TestableKeyedStateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.litmeter.detect.DetectorFixtures;
import org.litmeter.detect.DetectorSettings;
import org.litmeter.jobs.model.CenterSignal;
import org.litmeter.jobs.model.DeviceChange;
import org.litmeter.rates.WindowClock;
import org.litmeter.schema.Alert;
import org.litmeter.schema.AlertStatus;
import org.litmeter.schema.CenterRegistration;
import org.litmeter.schema.InventoryAction;

class DetectionFunctionTest extends DetectorFixtures {

  private static final WindowClock CLOCK = new WindowClock(60_000);
  private static final long GRACE = DetectorSettings.defaults().vanishGrace().toMillis();

  private KeyedBroadcastOperatorTestHarness<String, CenterSignal, CenterRegistration, Alert> harness;

  /** The state backend the function runs on: the heap here, RocksDB in {@link OnRocksDb}. */
  StateBackend backend() {
    return new HashMapStateBackend();
  }

  /** The same tests on RocksDB, where state lives serialized and is released entry by entry. */
  static class OnRocksDb extends DetectionFunctionTest {
    @Override
    StateBackend backend() {
      return new EmbeddedRocksDBStateBackend();
    }
  }

  @BeforeEach
  void open() throws Exception {
    harness = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
        new DetectionFunction(CLOCK, ZoneOffset.ofHours(8), DetectorSettings.defaults()),
        List.of(CenterWindowFunction.REGISTRY)), CenterSignal::center, Types.STRING, 1, 1, 0);
    harness.setStateBackend(backend());
    harness.open();
    harness.processBroadcastElement(CenterWindowFunctionTest.center(CENTER, "Guizhou",
        org.litmeter.schema.Region.WEST, 4, T0), T0);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  /** Feeds window {@code index} of device A and closes it. */
  private void window(int index, double util, double sm, double power) throws Exception {
    harness.processElement(CenterSignal.of(device(GPU_A, index, util, sm, power)), windowStart(index));
    harness.watermark(CLOCK.closeTime(windowStart(index + 1)));
  }

  @Test
  void aSpinKernelFiresOnceAndResolvesUnderTheSameIdAndClosedWindowsLeaveNoState() throws Exception {
    for (int i = 0; i < 8; i++) {
      window(i, 100, 0.01, 90);
    }
    for (int i = 8; i < 10; i++) {
      window(i, 90, 0.8, 450);
    }
    List<Alert> alerts = harness.extractOutputValues();
    assertThat(alerts).extracting(Alert::getKind, Alert::getStatus)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("hollow_load", AlertStatus.FIRING),
            org.assertj.core.groups.Tuple.tuple("hollow_load", AlertStatus.RESOLVED));
    assertThat(alerts.get(1).getAlertId()).isEqualTo(alerts.get(0).getAlertId());
    assertThat(alerts.get(0).getDetectedAt().toEpochMilli()).isEqualTo(windowStart(6));
    // left: the center's detectors and its quiet timer, never the closed windows
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    assertThat(keyedStateEntries()).isEqualTo(2);
  }

  @Test
  void aCenterThatFallsSilentWhileOthersGoOnHasVanishedDevices() throws Exception {
    window(0, 90, 0.8, 450);
    harness.watermark(windowStart(1) + GRACE);
    assertThat(harness.extractOutputValues()).extracting(Alert::getKind, Alert::getDeviceUuid)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("vanished_device", GPU_A));
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void theEndOfABoundedInputIsNotSilence() throws Exception {
    window(0, 90, 0.8, 450);
    harness.watermark(Long.MAX_VALUE);
    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void inventoryChangesApplyInEventTimeOrderEvenWhenTheyArriveFirst() throws Exception {
    long hour = 3_600_000L;
    // the inventory topic is read ahead of telemetry: removal and racking both arrive up front
    harness.processElement(CenterSignal.of(inventory(GPU_A, InventoryAction.REMOVED, windowStart(1) - 1)), T0);
    harness.processElement(CenterSignal.of(inventory(GPU_A, InventoryAction.RACKED, windowStart(1) + 30 * hour)),
        T0);
    window(0, 90, 0.8, 450);
    int backAt = (int) (30 * hour / FIVE_MINUTES) + 1;
    for (int i = 1; i <= backAt; i += 12) {
      // other devices keep the center's windows closing while GPU-a is out
      harness.processElement(CenterSignal.of(device(GPU_B, i, 90, 0.8, 450)), windowStart(i));
      harness.watermark(CLOCK.closeTime(windowStart(i + 1)));
    }
    window(backAt, 90, 0.8, 450);
    assertThat(harness.extractOutputValues()).as("out for 30 h with the removal and racking on record")
        .noneMatch(a -> GPU_A.equals(a.getDeviceUuid()));
  }

  private static DeviceChange inventory(String device, InventoryAction action, long time) {
    DeviceChange c = new DeviceChange();
    c.center = CENTER;
    c.deviceUuid = device;
    c.eventTime = time;
    c.inventory = action;
    return c;
  }

  private int keyedStateEntries() {
    return ((TestableKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend()).numKeyValueStateEntries();
  }
}

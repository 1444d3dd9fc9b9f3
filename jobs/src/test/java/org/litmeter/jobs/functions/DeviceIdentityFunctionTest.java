package org.litmeter.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.litmeter.detect.DetectorFixtures.device;
import static org.litmeter.detect.DetectorFixtures.windowStart;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.litmeter.detect.DetectorFixtures;
import org.litmeter.detect.DetectorSettings;
import org.litmeter.jobs.model.DeviceChange;
import org.litmeter.rates.DeviceWindow;
import org.litmeter.schema.Alert;
import org.litmeter.schema.InventoryAction;

class DeviceIdentityFunctionTest extends DetectorFixtures {

  private static final long MEMORY = DetectorSettings.defaults().resoldMemory().toMillis();

  private KeyedTwoInputStreamOperatorTestHarness<String, DeviceWindow, DeviceChange, Alert> harness;

  @BeforeEach
  void open() throws Exception {
    harness = new KeyedTwoInputStreamOperatorTestHarness<>(
        new KeyedCoProcessOperator<>(new DeviceIdentityFunction(DetectorSettings.defaults())), w -> w.deviceUuid,
        c -> c.deviceUuid, Types.STRING);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void window(String center, long index) throws Exception {
    DeviceWindow w = device(GPU_A, 0, 50, 0.5, 300);
    w.windowStart = windowStart(0) + index * FIVE_MINUTES;
    w.center = center;
    harness.processElement1(w, w.windowStart);
  }

  private void removed(String center, long index) throws Exception {
    DeviceChange c = new DeviceChange();
    c.center = center;
    c.deviceUuid = GPU_A;
    c.eventTime = windowStart(0) + index * FIVE_MINUTES;
    c.inventory = InventoryAction.REMOVED;
    c.serial = "SN-A";
    harness.processElement2(c, c.eventTime);
  }

  @Test
  void aCardRackedElsewhereMonthsLaterWithoutARemovalIsFlaggedWithARemovalItIsNot() throws Exception {
    window("c01", 0);
    window("c01", 1);
    window("c02", 12L * 30 * 288);
    assertThat(harness.extractOutputValues()).extracting(Alert::getKind).containsExactly("device_in_two_centers");
    removed("c02", 12L * 30 * 288 + 1);
    window("c03", 12L * 30 * 288 + 600);
    assertThat(harness.extractOutputValues()).as("removed from c02 before c03; c01 never recorded it").hasSize(2)
        .last().satisfies(a -> assertThat(a.getEvidence()).containsEntry("previous_center", "c01"));
  }

  @Test
  void aDeviceSilentForTheWholeMemoryIsForgottenWithItsStateAndTimer() throws Exception {
    window("c01", 0);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    harness.processBothWatermarks(new Watermark(windowStart(1) + MEMORY));
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numKeyedStateEntries()).isZero();
    window("c02", 1 + MEMORY / FIVE_MINUTES + 1);
    assertThat(harness.extractOutputValues()).as("two years later, a new life").isEmpty();
  }
}

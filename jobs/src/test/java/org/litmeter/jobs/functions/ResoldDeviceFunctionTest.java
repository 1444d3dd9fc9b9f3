package org.litmeter.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.litmeter.detect.DetectorFixtures.device;
import static org.litmeter.detect.DetectorFixtures.windowStart;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.litmeter.detect.DetectorFixtures;
import org.litmeter.detect.DetectorSettings;
import org.litmeter.rates.DeviceWindow;
import org.litmeter.schema.Alert;

class ResoldDeviceFunctionTest extends DetectorFixtures {

  private static final long WEEK = DetectorSettings.defaults().resoldWithin().toMillis();

  private KeyedOneInputStreamOperatorTestHarness<String, DeviceWindow, Alert> harness;

  @BeforeEach
  void open() throws Exception {
    harness = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new ResoldDeviceFunction(DetectorSettings.defaults())), w -> w.deviceUuid,
        Types.STRING);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void window(String center, int index) throws Exception {
    DeviceWindow w = device(GPU_A, index, 50, 0.5, 300);
    w.center = center;
    harness.processElement(w, windowStart(index));
  }

  @Test
  void aCardInASecondCenterWithinAWeekIsFlaggedAndAForgottenCardLeavesNoStateOrTimer() throws Exception {
    window("c01", 0);
    window("c01", 1);
    window("c02", 600);
    assertThat(harness.extractOutputValues()).extracting(Alert::getKind).containsExactly("device_in_two_centers");
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    harness.processWatermark(windowStart(601) + WEEK);
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numKeyedStateEntries()).isZero();

    window("c03", 601 + (int) (WEEK / FIVE_MINUTES) + 1);
    assertThat(harness.extractOutputValues()).as("a week after, a new life, not a resale").hasSize(1);
  }
}

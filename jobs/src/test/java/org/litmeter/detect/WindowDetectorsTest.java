package org.litmeter.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.litmeter.rates.DeviceWindow;
import org.litmeter.schema.Alert;
import org.litmeter.schema.AlertStatus;

class WindowDetectorsTest extends DetectorFixtures {

  private final WindowDetectors detectors = new WindowDetectors();

  private List<Alert> run(int from, int to, IntFunction<List<DeviceWindow>> windows) {
    List<Alert> all = new ArrayList<>();
    for (int i = from; i < to; i++) {
      all.addAll(detectors.onWindow(CENTER, windowStart(i), windowStart(i + 1), windows.apply(i), S));
    }
    return all;
  }

  @Test
  void aSpinKernelIsHollowLoadAfterHalfAnHourAndResolvesWhenItStops() {
    List<Alert> alerts = run(0, 5, i -> List.of(device(GPU_A, i, 100, 0.01, 90), device(GPU_B, i, 90, 0.8, 450)));
    assertThat(alerts).isEmpty();
    alerts = run(5, 6, i -> List.of(device(GPU_A, i, 100, 0.01, 90), device(GPU_B, i, 90, 0.8, 450)));
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.getKind()).isEqualTo("hollow_load");
      assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
      assertThat(a.getStartedAt().toEpochMilli()).isEqualTo(windowStart(0));
      assertThat(a.getEvidence()).containsEntry("hollow_devices", "1").containsEntry("example_devices", GPU_A);
      assertThat(texts(a)).containsExactly(
          "devices at 100% utilization that do no real work (spin-kernel signature): 1",
          "利用率100%却未做实际计算的设备（空转内核特征）：1台");
    });
    alerts = run(6, 8, i -> List.of(device(GPU_A, i, 100, 0.01, 90)));
    assertThat(alerts).isEmpty();
    alerts = run(8, 9, i -> List.of(device(GPU_A, i, 2, 0.0, 60)));
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(texts(a)).containsExactly(
          "resolved: devices at 100% utilization that do no real work (spin-kernel signature): 1",
          "已解除：利用率100%却未做实际计算的设备（空转内核特征）：1台");
    });
  }

  @Test
  void withoutProfilingHollowMeansPeggedUtilizationAtIdlePower() {
    assertThat(run(0, 6, i -> List.of(device(GPU_A, i, 100, Double.NaN, 85)))).extracting(Alert::getKind)
        .containsExactly("hollow_load");
    assertThat(new WindowDetectors().onWindow(CENTER, 0, 1, List.of(device(GPU_B, 0, 100, Double.NaN, 400)), S))
        .isEmpty();
    assertThat(run(10, 20, i -> List.of(device(GPU_B, i, 100, Double.NaN, Double.NaN))))
        .as("no power, no SM: not enough evidence").noneMatch(a -> a.getKind().equals("hollow_load")
            && a.getStatus() == AlertStatus.FIRING && a.getStartedAt().toEpochMilli() >= windowStart(10));
  }

  @Test
  void realWorkIsNeverHollowOrSynthetic() {
    assertThat(run(0, 48, i -> List.of(leased(device(GPU_A, i, 80 + (i * 7) % 19, 0.6, 420), "t"),
        leased(device(GPU_B, i, 95, 0.9, 600), "t")))).isEmpty();
  }

  @Test
  void flatUtilizationForTwoHoursIsSyntheticLoad() {
    List<Alert> alerts = run(0, 24, i -> List.of(flat(device(GPU_A, i, 73.0, 0.6, 400))));
    assertThat(firing(alerts)).singleElement().satisfies(a -> {
      assertThat(a.getKind()).isEqualTo("synthetic_load");
      assertThat(a.getEvidence()).containsEntry("pattern", "flat");
      assertThat(texts(a)).containsExactly(
          "devices holding a flat 73.0% utilization for hours, which no training or serving does: 1",
          "数小时保持73.0%利用率、毫无波动的设备（训练与推理都不会如此）：1台");
      assertThat(a.getStartedAt().toEpochMilli()).isEqualTo(windowStart(0));
    });
  }

  @Test
  void manyDevicesWithTheSameUtilizationIsSyntheticLoadAtAnyWorkingLevel() {
    List<Alert> alerts = run(0, 24, i -> {
      List<DeviceWindow> ws = new ArrayList<>();
      for (int d = 0; d < 6; d++) {
        ws.add(leased(device("GPU-" + d, i, 20 + 4 * (i % 10), 0.5, 400), "t"));
      }
      return ws;
    });
    assertThat(firing(alerts)).singleElement().satisfies(a -> {
      assertThat(a.getEvidence()).containsEntry("pattern", "identical");
      assertThat(texts(a)).containsExactly(
          "6 of 6 busy devices report exactly the same utilization for 2 hours",
          "6台忙碌设备中有6台连续2小时报告完全相同的利用率");
    });
  }

  @Test
  void idleDevicesAllAtZeroAreNotALockstepScript() {
    assertThat(run(0, 48, i -> {
      List<DeviceWindow> ws = new ArrayList<>();
      for (int d = 0; d < 8; d++) {
        ws.add(device("GPU-" + d, i, 0.0, 0.0, 60));
      }
      return ws;
    })).isEmpty();
  }

  @Test
  void unleasedWorkForAnHourIsLitUnoccupied() {
    IntFunction<List<DeviceWindow>> windows = i -> List.of(device(GPU_A, i, 90, 0.7, 400),
        device(GPU_B, i, 90, 0.7, 400), leased(device("GPU-c", i, 90, 0.7, 400), "t"));
    assertThat(run(0, 11, windows)).isEmpty();
    assertThat(run(11, 12, windows)).singleElement().satisfies(a -> {
      assertThat(a.getKind()).isEqualTo("lit_unoccupied");
      assertThat(a.getEvidence()).containsEntry("lit_unoccupied_devices", "2").containsEntry("lit_devices", "3");
      assertThat(texts(a)).containsExactly(
          "2 of 3 working devices have no lease and no tenant for an hour",
          "3台工作中的设备里有2台在一小时内既无租约也无租户");
    });
  }

  @Test
  void theSameFindingHasTheSameIdInAReplay() {
    IntFunction<List<DeviceWindow>> spin = i -> List.of(device(GPU_A, i, 100, 0.01, 90));
    String first = run(0, 6, spin).get(0).getAlertId();
    String again = new WindowDetectorsTest().run(0, 6, spin).get(0).getAlertId();
    assertThat(again).isEqualTo(first);
  }
}

package org.litmeter.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.litmeter.rates.RatesFixtures;
import org.litmeter.schema.Alert;
import org.litmeter.schema.AlertStatus;
import org.litmeter.schema.DeviceInventoryEvent;
import org.litmeter.schema.GpuSample;
import org.litmeter.schema.InventoryAction;

class DetectorReplayTest extends RatesFixtures {

  private final List<Alert> alerts = new ArrayList<>();
  private final DetectorReplay replay = new DetectorReplay(RatesJobConfig.defaults(), alerts::add);

  private void sample(String device, double minutes, double util, double sm) {
    replay.sample(GpuSample.newBuilder().setCenter(CENTER).setHost("h").setDeviceUuid(device).setDeviceIndex(0)
        .setVendor("nvidia").setModel(H100).setEventTime(Instant.ofEpochMilli(at(minutes))).setGpuUtil(util)
        .setSmActive(sm).setPowerW(300.0).setTenant("customer").build());
  }

  @Test
  void aSpinKernelIsHollowAndASampleForAClosedWindowIsLeftOut() {
    for (int m = 0; m < 60; m += 1) {
      sample(GPU_A, m, 100, 0.01);
      sample(GPU_B, m, 60, 0.5);
    }
    sample(GPU_B, 2, 60, 0.5);
    replay.finish();
    assertThat(alerts).extracting(Alert::getKind).containsExactly("hollow_load");
    assertThat(alerts.get(0).getStartedAt().toEpochMilli()).isEqualTo(T0);
    assertThat(replay.tooLate()).isEqualTo(1);
    assertThat(replay.samples()).isEqualTo(120);
  }

  @Test
  void aCardSilentForADayWhileItsCenterReportsHasVanishedUnlessItsRemovalIsOnRecord() {
    for (int m = 0; m < 26 * 60; m += 5) {
      sample(GPU_A, m, 60, 0.5);
      if (m < 60) {
        sample(GPU_B, m, 60, 0.5);
        sample("GPU-c", m, 60, 0.5);
      }
      if (m == 60) {
        replay.inventory(DeviceInventoryEvent.newBuilder().setCenter(CENTER).setDeviceUuid("GPU-c")
            .setSerial("SN-c").setAction(InventoryAction.REMOVED).setEventTime(Instant.ofEpochMilli(at(61))).build());
      }
    }
    for (int m = 26 * 60; m < 27 * 60; m += 5) {
      sample(GPU_A, m, 60, 0.5);
    }
    replay.finish();
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.getKind()).isEqualTo("vanished_device");
      assertThat(a.getDeviceUuid()).isEqualTo(GPU_B);
      assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
    });
  }

  @Test
  void theEndOfTheInputIsNotSilence() {
    for (int m = 0; m < 60; m += 5) {
      sample(GPU_A, m, 60, 0.5);
    }
    replay.finish();
    assertThat(alerts).isEmpty();
  }
}

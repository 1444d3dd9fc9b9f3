package org.litmeter.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.litmeter.rates.DeviceWindow;
import org.litmeter.schema.Alert;
import org.litmeter.schema.AlertStatus;
import org.litmeter.schema.InventoryAction;

class VanishedAndResoldTest extends DetectorFixtures {

  static final long HOUR = 3_600_000L;

  @Test
  void aCardSilentForADayWithoutARemovalRecordHasVanished() {
    VanishedDeviceDetector v = new VanishedDeviceDetector();
    v.onWindow(windowStart(1), List.of(device(GPU_A, 0, 50, 0.5, 300), device(GPU_B, 0, 50, 0.5, 300)));
    v.onInventory(GPU_B, InventoryAction.REMOVED, windowStart(1) + 1);
    assertThat(v.evaluate(CENTER, windowStart(1) + 23 * HOUR, S)).isEmpty();
    List<Alert> alerts = v.evaluate(CENTER, windowStart(1) + 24 * HOUR, S);
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.getKind()).isEqualTo("vanished_device");
      assertThat(a.getDeviceUuid()).isEqualTo(GPU_A);
      assertThat(a.getStartedAt().toEpochMilli()).isEqualTo(windowStart(1));
    });
    assertThat(v.evaluate(CENTER, windowStart(1) + 25 * HOUR, S)).as("fires once").isEmpty();
    assertThat(v.onWindow(windowStart(400), List.of(device(GPU_A, 399, 50, 0.5, 300))))
        .singleElement().satisfies(a -> assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED));
  }

  @Test
  void aCardBackFromMaintenanceGetsAFreshGracePeriodToReport() {
    VanishedDeviceDetector v = new VanishedDeviceDetector();
    v.onWindow(windowStart(1), List.of(device(GPU_A, 0, 50, 0.5, 300)));
    v.onInventory(GPU_A, InventoryAction.REMOVED, windowStart(1) + 1);
    v.onInventory(GPU_A, InventoryAction.RACKED, windowStart(1) + 30 * HOUR);
    assertThat(v.evaluate(CENTER, windowStart(1) + 30 * HOUR + 5 * 60_000, S)).as("30 h out, on record").isEmpty();
    assertThat(v.evaluate(CENTER, windowStart(1) + 54 * HOUR, S)).as("racked but silent for a day")
        .singleElement().satisfies(a -> assertThat(a.getStartedAt().toEpochMilli())
            .isEqualTo(windowStart(1) + 30 * HOUR));
  }

  @Test
  void manyCardsVanishingTogetherIsAMassDisappearance() {
    VanishedDeviceDetector v = new VanishedDeviceDetector();
    List<DeviceWindow> fleet = new ArrayList<>();
    for (int d = 0; d < 40; d++) {
      fleet.add(device("GPU-" + d, 0, 50, 0.5, 300));
    }
    v.onWindow(windowStart(1), fleet);
    v.onWindow(windowStart(2), fleet.subList(0, 25));
    List<Alert> alerts = v.evaluate(CENTER, windowStart(1) + 24 * HOUR, S);
    assertThat(alerts).filteredOn(a -> a.getKind().equals("vanished_device")).hasSize(15);
    assertThat(alerts).filteredOn(a -> a.getKind().equals("mass_disappearance")).singleElement()
        .satisfies(a -> assertThat(a.getEvidence()).containsEntry("vanished_devices", "15"));
  }

  @Test
  void theSameCardInTwoCentersWithinAWeekIsFlaggedOnceWhateverTheArrivalOrder() {
    ResoldDeviceDetector inOrder = new ResoldDeviceDetector();
    assertThat(inOrder.onWindow("GPU-x", "c01", windowStart(0), windowStart(1), S)).isEmpty();
    List<Alert> alerts = inOrder.onWindow("GPU-x", "c02", windowStart(100), windowStart(101), S);
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.getKind()).isEqualTo("device_in_two_centers");
      assertThat(a.getCenter()).isEqualTo("c02");
      assertThat(a.getEvidence()).containsEntry("previous_center", "c01");
    });
    assertThat(inOrder.onWindow("GPU-x", "c01", windowStart(101), windowStart(102), S)).isEmpty();

    ResoldDeviceDetector sameWindow = new ResoldDeviceDetector();
    sameWindow.onWindow("GPU-y", "c02", windowStart(5), windowStart(6), S);
    Alert a1 = sameWindow.onWindow("GPU-y", "c01", windowStart(5), windowStart(6), S).get(0);
    ResoldDeviceDetector otherOrder = new ResoldDeviceDetector();
    otherOrder.onWindow("GPU-y", "c01", windowStart(5), windowStart(6), S);
    Alert a2 = otherOrder.onWindow("GPU-y", "c02", windowStart(5), windowStart(6), S).get(0);
    assertThat(a1.getAlertId()).isEqualTo(a2.getAlertId());
    assertThat(a1.getCenter()).isEqualTo(a2.getCenter());

    ResoldDeviceDetector months = new ResoldDeviceDetector();
    months.onWindow("GPU-z", "c01", windowStart(0), windowStart(1), S);
    assertThat(months.onWindow("GPU-z", "c02", windowStart(0) + 30L * 24 * HOUR, windowStart(1) + 30L * 24 * HOUR, S))
        .as("a card moved a month later is not flagged").isEmpty();
  }
}

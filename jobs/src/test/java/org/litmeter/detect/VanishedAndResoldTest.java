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
      assertThat(texts(a)).containsExactly(
          "device GPU-a has not reported since 2026-06-01T00:05:00Z and no removal or failure is on record",
          "设备GPU-a自2026年6月1日 08:05起不再上报，且无下架或故障记录");
    });
    assertThat(v.evaluate(CENTER, windowStart(1) + 25 * HOUR, S)).as("fires once").isEmpty();
    assertThat(v.onWindow(windowStart(400), List.of(device(GPU_A, 399, 50, 0.5, 300))))
        .singleElement().satisfies(a -> {
          assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
          assertThat(texts(a)).containsExactly(
          "device GPU-a reports again",
          "设备GPU-a已恢复上报");
        });
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
        .satisfies(a -> {
          assertThat(a.getEvidence()).containsEntry("vanished_devices", "15");
          assertThat(texts(a)).containsExactly(
          "15 of 40 known devices vanished together without removal records",
          "已知的40台设备中有15台同时失联，且无下架记录");
        });
  }

  @Test
  void theSameCardInASecondCenterWithoutARemovalIsFlaggedOnceWhateverTheArrivalOrder() {
    DeviceIdentityDetector inOrder = new DeviceIdentityDetector();
    assertThat(inOrder.onWindow("GPU-x", "c01", windowStart(0), windowStart(1))).isEmpty();
    List<Alert> alerts = inOrder.onWindow("GPU-x", "c02", windowStart(100), windowStart(101));
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.getKind()).isEqualTo("device_in_two_centers");
      assertThat(a.getCenter()).isEqualTo("c02");
      assertThat(a.getScore()).isEqualTo(1.0);
      assertThat(a.getEvidence()).containsEntry("previous_center", "c01")
          .containsEntry("removal_on_record_at_previous", "no").containsKey("score_basis");
      assertThat(texts(a)).containsExactly(
          "device GPU-x reports from c02 since 2026-06-01T08:20:00Z; it reported from c01 until 2026-06-01T00:05:00Z (0 days before) and no removal is on record there",
          "设备GPU-x自2026年6月1日 16:20起在c02上报；此前它在c01上报至2026年6月1日 08:05（相隔0天），该处没有下架记录");
    });
    assertThat(inOrder.onWindow("GPU-x", "c01", windowStart(101), windowStart(102))).isEmpty();

    DeviceIdentityDetector sameWindow = new DeviceIdentityDetector();
    sameWindow.onWindow("GPU-y", "c02", windowStart(5), windowStart(6));
    Alert a1 = sameWindow.onWindow("GPU-y", "c01", windowStart(5), windowStart(6)).get(0);
    DeviceIdentityDetector otherOrder = new DeviceIdentityDetector();
    otherOrder.onWindow("GPU-y", "c01", windowStart(5), windowStart(6));
    Alert a2 = otherOrder.onWindow("GPU-y", "c02", windowStart(5), windowStart(6)).get(0);
    assertThat(a1.getAlertId()).isEqualTo(a2.getAlertId());
    assertThat(a1.getCenter()).isEqualTo(a2.getCenter());
    assertThat(a1.getEvidence()).containsEntry("reporting_in_both_at_once", "yes");
    assertThat(texts(a1)).containsExactly(
          "device GPU-y reports from c02 since 2026-06-01T00:25:00Z; it reported from c01 until 2026-06-01T00:30:00Z (0 days before) and no removal is on record there; both centers report it at once",
          "设备GPU-y自2026年6月1日 08:25起在c02上报；此前它在c01上报至2026年6月1日 08:30（相隔0天），该处没有下架记录；两个中心同时在上报它");
  }

  @Test
  void aCardRefurbishedForMonthsIsStillTheSameCardButARecordedRemovalMakesItATransfer() {
    DeviceIdentityDetector months = new DeviceIdentityDetector();
    months.onWindow("GPU-z", "c01", windowStart(0), windowStart(1));
    assertThat(months.onWindow("GPU-z", "c02", windowStart(0) + 120L * 24 * HOUR, windowStart(1) + 120L * 24 * HOUR))
        .as("resold four months later").singleElement()
        .satisfies(a -> assertThat(a.getEvidence()).containsEntry("gap_days", "119"));

    DeviceIdentityDetector transfer = new DeviceIdentityDetector();
    transfer.onWindow("GPU-t", "c01", windowStart(0), windowStart(1));
    transfer.onInventory("GPU-t", "c01", InventoryAction.REMOVED, "SN-1", windowStart(2));
    assertThat(transfer.onWindow("GPU-t", "c02", windowStart(400), windowStart(401))).as("removed, then racked")
        .isEmpty();

    DeviceIdentityDetector lateRecord = new DeviceIdentityDetector();
    lateRecord.onWindow("GPU-u", "c01", windowStart(0), windowStart(1));
    Alert open = lateRecord.onWindow("GPU-u", "c02", windowStart(400), windowStart(401)).get(0);
    assertThat(lateRecord.onInventory("GPU-u", "c01", InventoryAction.REMOVED, null, windowStart(2)))
        .as("a removal that arrives after the appearance").singleElement().satisfies(a -> {
          assertThat(a.getAlertId()).isEqualTo(open.getAlertId());
          assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
          assertThat(texts(a)).containsExactly(
          "device GPU-u was recorded as removed at c01 on 2026-06-01T00:10:00Z: a transfer",
          "设备GPU-u已于2026年6月1日 08:10在c01登记为下架：属于正常调拨");
        });
  }

  @Test
  void aSerialThatChangesBetweenInventoryRecordsIsFlagged() {
    DeviceIdentityDetector d = new DeviceIdentityDetector();
    assertThat(d.onInventory("GPU-s", "c01", InventoryAction.RACKED, "SN-A", windowStart(0))).isEmpty();
    assertThat(d.onInventory("GPU-s", "c01", InventoryAction.REMOVED, "SN-A", windowStart(10))).isEmpty();
    assertThat(d.onInventory("GPU-s", "c02", InventoryAction.RACKED, "SN-B", windowStart(5000)))
        .singleElement().satisfies(a -> {
          assertThat(a.getKind()).isEqualTo("device_serial_changed");
          assertThat(a.getCenter()).isEqualTo("c02");
          assertThat(a.getEvidence()).containsEntry("previous_serial", "SN-A").containsEntry("serial", "SN-B")
              .containsEntry("previous_record_center", "c01");
          assertThat(texts(a)).containsExactly(
          "device GPU-s is recorded at c02 with serial SN-B; it was SN-A at c01 on 2026-06-01T00:50:00Z",
          "设备GPU-s在c02登记的序列号为SN-B；2026年6月1日 08:50在c01登记时为SN-A");
        });
    assertThat(d.onInventory("GPU-s", "c02", InventoryAction.POWERED_ON, "", windowStart(5001)))
        .as("a record without a serial says nothing").isEmpty();
  }

  @Test
  void aDeviceRemembersAtMostEightCenters() {
    DeviceIdentityDetector d = new DeviceIdentityDetector();
    for (int c = 0; c < 20; c++) {
      d.onInventory("GPU-m", "c" + c, InventoryAction.REMOVED, null, windowStart(c * 10 + 1));
      d.onWindow("GPU-m", "c" + c, windowStart(c * 10), windowStart(c * 10 + 1));
    }
    assertThat(d.centers).hasSize(8).containsKey("c19");
  }

  @Test
  void aCardReportingMoreMemoryThanItsModelHasIsModifiedAndReportedOnce() {
    CardMemory catalogue = CardMemory.catalogue();
    assertThat(catalogue.exceeds("NVIDIA GeForce RTX 4090", 49140.0)).isTrue();
    assertThat(catalogue.exceeds("NVIDIA GeForce RTX 4090", 24564.0)).isFalse();
    assertThat(catalogue.exceeds("NVIDIA GeForce RTX 4090", 25000.0)).as("a driver's few percent").isFalse();
    assertThat(catalogue.exceeds("NVIDIA A30", 5952.0)).as("a MIG slice").isFalse();
    assertThat(catalogue.exceeds("Some Future Card", 1e6)).as("unknown models are not judged").isFalse();
    assertThat(catalogue.exceeds("NVIDIA GeForce RTX 4090", null)).isFalse();

    DeviceIdentityDetector d = new DeviceIdentityDetector();
    assertThat(d.onOversizedMemory("GPU-m", "c01", "NVIDIA GeForce RTX 4090", 49140, 24564, windowStart(0)))
        .singleElement().satisfies(a -> {
          assertThat(a.getKind()).isEqualTo("modified_card_memory");
          assertThat(a.getScore()).isEqualTo(0.95);
          assertThat(a.getEvidence()).containsEntry("reported_memory_mib", "49140")
              .containsEntry("model_memory_mib", "24564").containsEntry("ratio", "2.00");
          assertThat(texts(a)).containsExactly(
          "device GPU-m reports 49140 MiB of memory; a NVIDIA GeForce RTX 4090 is sold with 24564 MiB: a modified card",
          "设备GPU-m报告显存49140 MiB，而NVIDIA GeForce RTX 4090出厂显存为24564 MiB：疑似改装卡");
        });
    assertThat(d.onOversizedMemory("GPU-m", "c01", "NVIDIA GeForce RTX 4090", 49140, 24564, windowStart(1)))
        .isEmpty();
  }
}

package org.litmeter.rates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.litmeter.schema.InventoryAction;
import org.litmeter.schema.LeaseAction;

class DeviceHistoryTest extends RatesFixtures {

  @Test
  void eventsArriveInAnyOrderAndAreKeptInTimeOrder() {
    DeviceHistory h = new DeviceHistory();
    h.addInventory(InventoryAction.RACKED, at(20));
    h.addInventory(InventoryAction.REMOVED, at(10));
    assertThat(h.outOfServiceAt(at(15))).isTrue();
    assertThat(h.outOfServiceAt(at(25))).isFalse();
    assertThat(h.outOfServiceAt(at(10))).as("strictly before").isFalse();
  }

  @Test
  void forgettingKeepsTheStateAsOfThatTime() {
    DeviceHistory h = new DeviceHistory();
    h.addInventory(InventoryAction.REMOVED, at(1));
    h.addInventory(InventoryAction.RACKED, at(2));
    h.addInventory(InventoryAction.FAILED, at(3));
    h.addLease(LeaseAction.START, at(1), "tenant-x");
    h.addLease(LeaseAction.END, at(2), "tenant-x");
    h.addLease(LeaseAction.START, at(3), "tenant-x");
    h.forgetBefore(at(10));
    assertThat(h.eventCount()).isEqualTo(2);
    assertThat(h.outOfServiceAt(at(11))).isTrue();
    assertThat(h.leasedDuring(at(10), at(15))).isTrue();
  }

  @Test
  void anInServiceDeviceWithAnEndedLeaseForgetsEverything() {
    DeviceHistory h = new DeviceHistory();
    h.addInventory(InventoryAction.RACKED, at(1));
    h.addLease(LeaseAction.START, at(1), "tenant-x");
    h.addLease(LeaseAction.END, at(2), "tenant-x");
    h.forgetBefore(at(10));
    assertThat(h.eventCount()).isZero();
    assertThat(h.outOfServiceAt(at(11))).isFalse();
    assertThat(h.leasedDuring(at(10), at(15))).isFalse();
  }

  @Test
  void eventsAfterTheForgetTimeStay() {
    DeviceHistory h = new DeviceHistory();
    h.addInventory(InventoryAction.REMOVED, at(12));
    h.forgetBefore(at(10));
    assertThat(h.eventCount()).isEqualTo(1);
    assertThat(h.outOfServiceAt(at(13))).isTrue();
  }
}

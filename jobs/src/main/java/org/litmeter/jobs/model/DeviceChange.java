package org.litmeter.jobs.model;

import org.litmeter.rates.DeviceKeys;
import org.litmeter.schema.DeviceInventoryEvent;
import org.litmeter.schema.InventoryAction;
import org.litmeter.schema.LeaseAction;
import org.litmeter.schema.LeaseEvent;

/**
 * An inventory or a lease event of one device, as one type so that both can join the device's
 * telemetry; or, for the identity checks only, a report of more memory than the card's model has.
 * Exactly one of {@code inventory}, {@code lease} and {@code memoryMib} is set.
 */
public class DeviceChange {

  public String center;
  public String deviceUuid;
  public long eventTime;
  public InventoryAction inventory;
  public String serial;
  public LeaseAction lease;
  public String tenant;
  public String model;
  /** Memory the card reported, when it exceeds its model's ({@code nominalMemoryMib}); 0 otherwise. */
  public double memoryMib;
  public double nominalMemoryMib;

  public DeviceChange() {}

  /** A sample whose card reports more memory than its model is sold with. */
  public static DeviceChange oversizedMemory(String center, String deviceUuid, String model, long time,
      double memoryMib, double nominalMemoryMib) {
    DeviceChange c = new DeviceChange();
    c.center = center;
    c.deviceUuid = deviceUuid;
    c.eventTime = time;
    c.model = model;
    c.memoryMib = memoryMib;
    c.nominalMemoryMib = nominalMemoryMib;
    return c;
  }

  public static DeviceChange of(DeviceInventoryEvent e) {
    DeviceChange c = new DeviceChange();
    c.center = e.getCenter();
    c.deviceUuid = e.getDeviceUuid();
    c.eventTime = e.getEventTime().toEpochMilli();
    c.inventory = e.getAction();
    c.serial = e.getSerial();
    return c;
  }

  public static DeviceChange of(LeaseEvent e) {
    DeviceChange c = new DeviceChange();
    c.center = e.getCenter();
    c.deviceUuid = e.getDeviceUuid();
    c.eventTime = e.getEventTime().toEpochMilli();
    c.lease = e.getAction();
    c.tenant = e.getTenant();
    return c;
  }

  public String deviceKey() {
    return DeviceKeys.of(center, deviceUuid);
  }

  @Override
  public String toString() {
    return "DeviceChange{" + center + "/" + deviceUuid + " @" + eventTime + " "
        + (inventory != null ? inventory : lease != null ? lease + " " + tenant : memoryMib + " MiB") + "}";
  }
}

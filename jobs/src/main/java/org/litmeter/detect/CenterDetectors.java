package org.litmeter.detect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.litmeter.rates.DeviceWindow;
import org.litmeter.rates.Resolution;
import org.litmeter.schema.Alert;
import org.litmeter.schema.InventoryAction;

/**
 * Everything the detectors keep about one center: the window detectors, vanished devices, and the
 * daily totals the acceptance detectors judge. A Flink-friendly POJO, one per center.
 */
public class CenterDetectors {

  public WindowDetectors windows = new WindowDetectors();
  public VanishedDeviceDetector vanished = new VanishedDeviceDetector();
  public AcceptanceDetectors acceptance = new AcceptanceDetectors();
  /** The day being summed, its {lit, occupied, racked} device-windows and occupancy by tenant. */
  public long openDay = Long.MIN_VALUE;
  public long[] dayTotals = new long[3];
  public Map<String, Long> dayTenants = new HashMap<>();
  /** The vendor label of the cards each tenant of the open day occupied (the latest). */
  public Map<String, String> dayTenantVendors = new HashMap<>();

  public CenterDetectors() {}

  /** An inventory change of one of the center's devices; changes come in event-time order. */
  public List<Alert> onInventory(String device, InventoryAction action, long time) {
    return vanished.onInventory(device, action, time);
  }

  /**
   * A closed window with the verdicts of the devices that reported in it.
   *
   * @param day start of the window's day
   * @param period the center's acceptance period as {first day, last day} starts, or null when it has none
   */
  public List<Alert> onWindow(String center, long windowStart, long day, List<DeviceWindow> devices, long[] period,
      DetectorSettings s) {
    long windowEnd = windowStart + Resolution.BASE_MILLIS;
    List<Alert> alerts = new ArrayList<>(windows.onWindow(center, windowStart, windowEnd, devices, s));
    alerts.addAll(vanished.onWindow(windowEnd, devices));
    alerts.addAll(vanished.evaluate(center, windowEnd, s));
    if (openDay != day) {
      ClosedDay closed = startDay(day);
      if (closed != null && period != null) {
        alerts.addAll(acceptance.onDay(center, closed.day(), closed.lit(), closed.occupied(), closed.racked(),
            closed.tenants(), closed.tenantVendors(), period[0], period[1], s));
        // days in which the center sent nothing are days of nothing
        for (long quiet = closed.day() + Resolution.DAY.millis(); quiet < day; quiet += Resolution.DAY.millis()) {
          alerts.addAll(acceptance.onDay(center, quiet, 0, 0, 0, Map.of(), Map.of(), period[0], period[1], s));
        }
      }
    }
    addToDay(devices);
    return alerts;
  }

  /** The center sent nothing for a grace period up to {@code now}. */
  public List<Alert> onQuiet(String center, long now, DetectorSettings s) {
    return vanished.evaluate(center, now, s);
  }

  /** Adds a closed window's devices to the open day. */
  void addToDay(List<DeviceWindow> devices) {
    for (DeviceWindow w : devices) {
      if (!w.racked) {
        continue;
      }
      dayTotals[0] += w.lit ? 1 : 0;
      dayTotals[1] += w.occupied ? 1 : 0;
      dayTotals[2]++;
      if (w.tenant != null) {
        dayTenants.merge(w.tenant, 1L, Long::sum);
        if (w.vendor != null) {
          dayTenantVendors.put(w.tenant, w.vendor);
        }
      }
    }
  }

  /** Starts a new day after handing back the one that was open (null when none was). */
  ClosedDay startDay(long day) {
    ClosedDay closed = openDay == Long.MIN_VALUE ? null
        : new ClosedDay(openDay, dayTotals[0], dayTotals[1], dayTotals[2], new HashMap<>(dayTenants),
            new HashMap<>(dayTenantVendors));
    openDay = day;
    dayTotals = new long[3];
    dayTenants = new HashMap<>();
    dayTenantVendors = new HashMap<>();
    return closed;
  }

  /** A day's totals, for {@link AcceptanceDetectors#onDay}. */
  public record ClosedDay(long day, long lit, long occupied, long racked, Map<String, Long> tenants,
      Map<String, String> tenantVendors) {}
}

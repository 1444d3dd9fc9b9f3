package org.litmeter.detect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.litmeter.rates.DeviceWindow;

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

  public CenterDetectors() {}

  /** Adds a closed window's devices to the open day. */
  public void addToDay(List<DeviceWindow> devices) {
    for (DeviceWindow w : devices) {
      if (!w.racked) {
        continue;
      }
      dayTotals[0] += w.lit ? 1 : 0;
      dayTotals[1] += w.occupied ? 1 : 0;
      dayTotals[2]++;
      if (w.tenant != null) {
        dayTenants.merge(w.tenant, 1L, Long::sum);
      }
    }
  }

  /** Starts a new day after handing back the one that was open (null when none was). */
  public ClosedDay startDay(long day) {
    ClosedDay closed = openDay == Long.MIN_VALUE ? null
        : new ClosedDay(openDay, dayTotals[0], dayTotals[1], dayTotals[2], new HashMap<>(dayTenants));
    openDay = day;
    dayTotals = new long[3];
    dayTenants = new HashMap<>();
    return closed;
  }

  /** A day's totals, for {@link AcceptanceDetectors#onDay}. */
  public record ClosedDay(long day, long lit, long occupied, long racked, Map<String, Long> tenants) {}
}

package org.litmeter.detect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.litmeter.rates.DeviceWindow;
import org.litmeter.schema.Alert;
import org.litmeter.schema.AlertStatus;
import org.litmeter.schema.Severity;

/**
 * The detectors that look at one center's five-minute windows as they close:
 *
 * <ul>
 *   <li><b>hollow_load</b>: a device keeps GPU utilization at or above 80% while its real-work
 *       signals stay idle (mean SM activity below 0.05 where profiling is on, else mean power below
 *       its model's idle threshold), for 6 windows in a row: the signature of a spin kernel.
 *   <li><b>synthetic_load</b>: a device's utilization is implausibly flat (at least 50%, varying by
 *       at most 0.5 points within and between windows) for 24 windows (2 hours), or at least 5
 *       working devices (utilization at least 10%), and half of them, report the very same mean
 *       utilization (to 0.1 point) in every window for as long: a script replayed in lockstep.
 *   <li><b>lit_unoccupied</b>: devices doing work with no lease and no tenant label: at least 2,
 *       and at least 10% of the lit devices, for 12 windows (an hour).
 * </ul>
 *
 * Each fires once when its condition has held long enough and resolves the first window it no
 * longer holds. A Flink-friendly POJO: its state is the per-device and per-center streaks.
 */
public class WindowDetectors {

  public static final String HOLLOW = "hollow_load";
  public static final String SYNTHETIC = "synthetic_load";
  public static final String LIT_UNOCCUPIED = "lit_unoccupied";

  public Map<String, Integer> hollowRuns = new HashMap<>();
  public Map<String, Long> hollowStarts = new HashMap<>();
  public Map<String, Integer> flatRuns = new HashMap<>();
  public Map<String, Long> flatStarts = new HashMap<>();
  public Map<String, Double> lastMeans = new HashMap<>();
  public Streak hollow = new Streak();
  public Streak synthetic = new Streak();
  public Streak identical = new Streak();
  public Streak litUnoccupied = new Streak();

  public WindowDetectors() {}

  /** Judges one closed window of a center; {@code devices} are its device verdicts. */
  public List<Alert> onWindow(String center, long windowStart, long windowEnd, List<DeviceWindow> devices,
      DetectorSettings s) {
    List<Alert> alerts = new ArrayList<>();
    List<DeviceWindow> hollowDevices = new ArrayList<>();
    List<DeviceWindow> flatDevices = new ArrayList<>();
    Map<Long, Integer> busyByMean = new TreeMap<>();
    int busy = 0;
    int lit = 0;
    int litUnoccupiedCount = 0;
    for (DeviceWindow w : devices) {
      if (!w.racked) {
        continue;
      }
      double util = w.meanGpuUtil();
      boolean isHollow = isHollow(w, s);
      if (run(hollowRuns, hollowStarts, w.deviceUuid, isHollow, windowStart) >= s.hollowWindows()) {
        hollowDevices.add(w);
      }
      Double previous = lastMeans.put(w.deviceUuid, util);
      boolean flat = !Double.isNaN(util) && util >= s.syntheticUtilMin() && w.utilCount >= s.syntheticMinSamplesPerWindow()
          && w.utilMax - w.utilMin <= s.syntheticRangeMax()
          && (previous == null || Math.abs(previous - util) <= s.syntheticRangeMax());
      if (run(flatRuns, flatStarts, w.deviceUuid, flat, windowStart) >= s.syntheticWindows()) {
        flatDevices.add(w);
      }
      if (!Double.isNaN(util) && util >= s.identicalUtilMin()) {
        busy++;
        busyByMean.merge(Math.round(util * 10), 1, Integer::sum);
      }
      if (w.lit) {
        lit++;
        if (!w.occupied) {
          litUnoccupiedCount++;
        }
      }
    }
    forgetDevicesNotSeen(devices);
    final int sameMean = busyByMean.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    final int busyCount = busy;

    add(alerts, hollow.update(!hollowDevices.isEmpty(), windowStart, windowEnd, 1, start ->
        AlertFactory.alert(HOLLOW, Severity.CRITICAL, AlertStatus.FIRING, center, null, null,
            hollowDevices.stream().mapToLong(w -> hollowStarts.get(w.deviceUuid)).min().orElse(start), windowEnd,
            hollowScore(hollowDevices, s),
            withScoreBasis(evidence(hollowDevices, "hollow_devices"), "1 - mean SM activity / its ceiling with"
                + " profiling; without it 1 - mean power / the model's idle power, halved (power is weaker evidence)"))));
    add(alerts, identical.update(sameMean >= s.identicalMinDevices() && sameMean >= s.identicalMinShare() * busyCount,
        windowStart, windowEnd, s.syntheticWindows(), start -> AlertFactory.alert(SYNTHETIC, Severity.WARNING,
            AlertStatus.FIRING, center, null, "identical-utilization", start, windowEnd,
            Math.min(1.0, (double) sameMean / busyCount),
            Map.of(AlertText.PATTERN, "identical", "devices_with_same_utilization", Integer.toString(sameMean),
                "busy_devices", Integer.toString(busyCount), "score_basis",
                "share of the busy devices in lockstep"))));
    add(alerts, synthetic.update(!flatDevices.isEmpty(), windowStart, windowEnd, 1, start ->
        AlertFactory.alert(SYNTHETIC, Severity.WARNING, AlertStatus.FIRING, center, null, null,
            flatDevices.stream().mapToLong(w -> flatStarts.get(w.deviceUuid)).min().orElse(start), windowEnd,
            flatScore(flatDevices, s),
            withScoreBasis(withPattern(evidence(flatDevices, "flat_devices"), "flat"),
                "1 - utilization range / the allowed range"))));
    boolean unbilled = litUnoccupiedCount >= s.litUnoccupiedMinDevices()
        && litUnoccupiedCount >= s.litUnoccupiedMinShare() * lit;
    final int litCount = lit;
    final int unoccupied = litUnoccupiedCount;
    add(alerts, litUnoccupied.update(unbilled, windowStart, windowEnd, s.litUnoccupiedWindows(), start ->
        AlertFactory.alert(LIT_UNOCCUPIED, Severity.WARNING, AlertStatus.FIRING, center, null, null, start,
            windowEnd, litCount == 0 ? 0 : (double) unoccupied / litCount,
            Map.of("lit_unoccupied_devices", Integer.toString(unoccupied), "lit_devices",
                Integer.toString(litCount), "score_basis", "share of the working devices nobody leases"))));
    return alerts;
  }

  static boolean isHollow(DeviceWindow w, DetectorSettings s) {
    double util = w.meanGpuUtil();
    if (!w.racked || Double.isNaN(util) || util < s.hollowUtilMin()) {
      return false;
    }
    double sm = w.meanSmActive();
    if (!Double.isNaN(sm)) {
      return sm < s.hollowSmActiveMax();
    }
    return !Double.isNaN(w.meanPowerW) && w.meanPowerW < w.powerMinWatts;
  }

  /** Updates a device's run of qualifying windows; returns its length. */
  private static int run(Map<String, Integer> runs, Map<String, Long> starts, String device, boolean holds,
      long windowStart) {
    if (!holds) {
      runs.remove(device);
      starts.remove(device);
      return 0;
    }
    int n = runs.merge(device, 1, Integer::sum);
    if (n == 1) {
      starts.put(device, windowStart);
    }
    return n;
  }

  /** A device that sent nothing in a window breaks its runs. */
  private void forgetDevicesNotSeen(List<DeviceWindow> devices) {
    Set<String> seen = new HashSet<>();
    devices.forEach(w -> seen.add(w.deviceUuid));
    hollowRuns.keySet().retainAll(seen);
    hollowStarts.keySet().retainAll(seen);
    flatRuns.keySet().retainAll(seen);
    flatStarts.keySet().retainAll(seen);
    lastMeans.keySet().retainAll(seen);
  }

  private static Map<String, String> evidence(List<DeviceWindow> devices, String label) {
    Map<String, String> e = new TreeMap<>();
    e.put(label, Integer.toString(devices.size()));
    e.put("example_devices", String.join(",", devices.stream().map(w -> w.deviceUuid).sorted().limit(10).toList()));
    e.put("mean_gpu_util", format(mean(devices, DeviceWindow::meanGpuUtil)));
    e.put("mean_sm_active", format(mean(devices, DeviceWindow::meanSmActive)));
    e.put("mean_power_w", format(mean(devices, w -> w.meanPowerW)));
    return e;
  }

  /**
   * How far below the real-work signals the hollow devices are: SM activity against its ceiling
   * where profiling is on; power against the model's idle threshold otherwise, counted half.
   */
  private static double hollowScore(List<DeviceWindow> devices, DetectorSettings s) {
    double sm = mean(devices, DeviceWindow::meanSmActive);
    if (!Double.isNaN(sm)) {
      return clamp(1 - sm / s.hollowSmActiveMax());
    }
    double power = mean(devices, w -> w.meanPowerW);
    double idle = mean(devices, w -> w.powerMinWatts);
    return Double.isNaN(power) || Double.isNaN(idle) || idle <= 0 ? 0.5 : 0.5 + 0.5 * clamp(1 - power / idle);
  }

  private static double flatScore(List<DeviceWindow> devices, DetectorSettings s) {
    double range = mean(devices, w -> w.utilMax - w.utilMin);
    return Double.isNaN(range) ? 0.5 : clamp(1 - range / Math.max(1e-9, s.syntheticRangeMax()));
  }

  private static double clamp(double v) {
    return Math.round(Math.max(0, Math.min(1, v)) * 1000) / 1000.0;
  }

  private static Map<String, String> withScoreBasis(Map<String, String> evidence, String basis) {
    evidence.put("score_basis", basis);
    return evidence;
  }

  private static Map<String, String> withPattern(Map<String, String> evidence, String pattern) {
    evidence.put(AlertText.PATTERN, pattern);
    return evidence;
  }

  private static double mean(List<DeviceWindow> devices, ToDoubleFunction<DeviceWindow> value) {
    return devices.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
  }

  private static String format(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static void add(List<Alert> alerts, Alert a) {
    if (a != null) {
      alerts.add(a);
    }
  }
}

package org.litmeter.rates;

/**
 * The definitions of litmeter's numbers, in one place (the README explains them for users).
 *
 * <p>Per device and five-minute window [start, end):
 * <ul>
 *   <li><b>racked</b>: the device sent at least one valid sample in the window and was not out of
 *       service (its last inventory event before {@code end} was not removed or failed);
 *   <li><b>lit</b>: racked, and its real-work signal passed {@link LitThresholds};
 *   <li><b>occupied</b>: racked, and a lease covered part of the window or a sample carried a tenant.
 * </ul>
 * Per scope (center, province, region, nation) and window of {@code base_windows} five-minute
 * windows, with device-windows summed over them:
 * <ul>
 *   <li>racked_rate = racked device-windows / (planned accelerators x base_windows);
 *   <li>lit_rate = lit device-windows / racked device-windows;
 *   <li>occupied_rate = occupied device-windows / racked device-windows.
 * </ul>
 * A five-minute window in which a center sent nothing counts as zero racked devices. The same
 * definitions apply to a {@link Slice} of a scope (its devices of one model, its device-windows of
 * one tenant), whose rows therefore add up to the scope's.
 */
public final class RateRules {

  private RateRules() {}

  /**
   * The verdict on one device's window; {@code acc} holds at least one sample. The window is
   * recorded in {@code history}, which the device's next window is judged with.
   */
  public static DeviceWindow closeDeviceWindow(String center, String deviceUuid, long windowStart,
      DeviceWindowAccumulator acc, DeviceHistory history, LitThresholds thresholds) {
    long windowEnd = windowStart + Resolution.BASE_MILLIS;
    DeviceWindow w = new DeviceWindow();
    w.center = center;
    w.deviceUuid = deviceUuid;
    w.windowStart = windowStart;
    w.racked = acc.sampleCount > 0 && !history.outOfServiceAt(windowEnd);
    w.lit = w.racked && thresholds.isLit(acc.meanSmActive(), acc.meanGpuUtil(), acc.meanPowerW(),
        acc.powerMinWatts);
    String leaseTenant = history.tenantDuring(windowStart, windowEnd);
    w.tenant = w.racked ? (leaseTenant != null ? leaseTenant : acc.tenant) : null;
    w.occupied = w.tenant != null;
    w.vendor = acc.vendor;
    w.model = acc.model;
    judgeStability(w, acc, history);
    w.sampleCount = acc.sampleCount;
    w.utilSumMicro = acc.utilSumMicro;
    w.utilCount = acc.utilCount;
    w.smSumMicro = acc.smSumMicro;
    w.smCount = acc.smCount;
    w.energyMj = acc.powerCount == 0 ? 0 : Math.round(acc.meanPowerW() * Resolution.BASE_MILLIS);
    w.lateSamples = acc.lateSamples;
    w.duplicateSamples = acc.duplicateSamples;
    w.meanPowerW = acc.meanPowerW();
    w.utilMin = acc.utilMin;
    w.utilMax = acc.utilMax;
    w.powerMinWatts = acc.powerMinWatts;
    return w;
  }

  /**
   * Per racked window, compared with the device's previous window when that closed within
   * {@link DeviceHistory#CONTINUITY}: whether it reported an error (of which class) and an error episode began,
   * whether it is back from a dropout (silent while in service), how often its energy counter went
   * backwards. Then records the window in {@code history} for the next one.
   */
  private static void judgeStability(DeviceWindow w, DeviceWindowAccumulator acc, DeviceHistory history) {
    long previous = history.previousWindowWithin(w.windowStart);
    boolean erroring = acc.errorSamples > 0;
    w.erroring = w.racked && erroring;
    w.errorClass = w.erroring ? ErrorClasses.catalogue().classOf(acc.vendor, acc.latestErrorCode) : null;
    w.errorOnset = w.erroring && !(previous != DeviceHistory.NONE && history.lastWindowErroring);
    if (w.racked && previous != DeviceHistory.NONE && history.lastWindowRacked
        && w.windowStart - previous > Resolution.BASE_MILLIS
        && !history.inventoryChangedIn(previous + Resolution.BASE_MILLIS, w.windowStart + Resolution.BASE_MILLIS)) {
      w.dropout = true;
      w.silentWindows = (w.windowStart - previous) / Resolution.BASE_MILLIS - 1;
    }
    long energy = previous == DeviceHistory.NONE ? Reading.NO_ENERGY : history.lastEnergyMj;
    long resets = 0;
    for (long e : acc.energies) {
      if (e != Reading.NO_ENERGY) {
        resets += energy != Reading.NO_ENERGY && e < energy ? 1 : 0;
        energy = e;
      }
    }
    w.resets = w.racked ? resets : 0;
    history.rememberWindow(w.windowStart, w.racked, erroring, energy);
  }

  /**
   * Mean hours of racked time between failures (error episodes begun and dropouts); null without a
   * failure.
   */
  public static Double meanHoursBetweenFailures(RatesRow row) {
    long failures = row.totals.errorOnsets + row.totals.dropouts;
    return failures == 0 ? null : cardHours(row.totals.rackedDeviceWindows) / failures;
  }

  /**
   * The share of the time devices were racked or silent in a dropout that they spent erroring or
   * silent; null when there was none.
   */
  public static Double lostShare(RatesRow row) {
    long time = row.totals.rackedDeviceWindows + row.totals.silentDeviceWindows;
    return time == 0 ? null : (double) (row.totals.erroringDeviceWindows + row.totals.silentDeviceWindows) / time;
  }

  /** Racked device-windows over planned device-windows; null when nothing is planned. */
  public static Double rackedRate(RatesRow row) {
    long plannedDeviceWindows = row.planned * row.resolution.baseWindows();
    return plannedDeviceWindows == 0 ? null : (double) row.totals.rackedDeviceWindows / plannedDeviceWindows;
  }

  /** Lit over racked device-windows; null when nothing is racked. */
  public static Double litRate(RatesRow row) {
    return ofRacked(row, row.totals.litDeviceWindows);
  }

  /** Occupied over racked device-windows; null when nothing is racked. */
  public static Double occupiedRate(RatesRow row) {
    return ofRacked(row, row.totals.occupiedDeviceWindows);
  }

  /** Mean devices over the window: device-windows over the number of five-minute windows. */
  public static double meanDevices(RatesRow row, long deviceWindows) {
    return (double) deviceWindows / row.resolution.baseWindows();
  }

  /** Mean GPU utilization (percent) over the samples of racked devices; null without samples. */
  public static Double meanGpuUtil(RatesRow row) {
    return row.totals.utilCount == 0 ? null
        : FixedPoint.fromMicro(row.totals.utilSumMicro) / row.totals.utilCount;
  }

  /** Mean SM activity over the samples that carry it; null when none does. */
  public static Double meanSmActive(RatesRow row) {
    return row.totals.smCount == 0 ? null : FixedPoint.fromMicro(row.totals.smSumMicro) / row.totals.smCount;
  }

  /** Card-hours of device-windows: each is one device for five minutes. */
  public static double cardHours(long deviceWindows) {
    return (double) deviceWindows * Resolution.BASE_MILLIS / 3_600_000L;
  }

  public static double energyKwh(RatesRow row) {
    return row.totals.energyMj / 3.6e9;
  }

  private static Double ofRacked(RatesRow row, long deviceWindows) {
    long racked = row.totals.rackedDeviceWindows;
    return racked == 0 ? null : (double) deviceWindows / racked;
  }
}

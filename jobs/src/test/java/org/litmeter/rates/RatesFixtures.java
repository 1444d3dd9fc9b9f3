package org.litmeter.rates;

import java.time.Instant;
import org.litmeter.jobs.model.DeviceChange;
import org.litmeter.schema.InventoryAction;
import org.litmeter.schema.LeaseAction;

/**
 * Named instants and record builders for the tests of the rates rules and the job's functions.
 * Times are minutes after {@link #T0}, a five-minute (and hour) boundary.
 */
public class RatesFixtures {

  public static final Instant T0_INSTANT = Instant.parse("2026-06-01T00:00:00Z");
  public static final long T0 = T0_INSTANT.toEpochMilli();
  public static final long FIVE_MINUTES = Resolution.BASE_MILLIS;
  public static final String CENTER = "c01";
  public static final String GPU_A = "GPU-a";
  public static final String GPU_B = "GPU-b";
  public static final String H100 = "NVIDIA H100 80GB HBM3";

  /** {@code minutes} after T0, as epoch milliseconds. */
  public static long at(double minutes) {
    return T0 + Math.round(minutes * 60_000);
  }

  /** A reading builder: an idle H100 of center c01 with SM activity, power and utilization. */
  public static ReadingBuilder reading(String device, double minutes) {
    return new ReadingBuilder(device, at(minutes));
  }

  public static final class ReadingBuilder {
    private final Reading r = new Reading();
    private String center = CENTER;
    private final String device;

    ReadingBuilder(String device, long time) {
      this.device = device;
      r.eventTime = time;
      r.gpuUtil = 1.0;
      r.smActive = 0.0;
      r.powerW = 60.0;
      r.powerMinWatts = LitThresholds.defaults().powerMinWatts(H100);
      r.vendor = "nvidia";
      r.model = H100;
    }

    /** Real work: high SM activity, utilization and power. */
    public ReadingBuilder busy() {
      r.gpuUtil = 90;
      r.smActive = 0.8;
      r.powerW = 450;
      return this;
    }

    /** A spin kernel: utilization pegged, SMs and power near idle. */
    public ReadingBuilder hollow() {
      r.gpuUtil = 100;
      r.smActive = 0.01;
      r.powerW = 90;
      return this;
    }

    public ReadingBuilder util(double v) {
      r.gpuUtil = v;
      return this;
    }

    public ReadingBuilder sm(double v) {
      r.smActive = v;
      return this;
    }

    public ReadingBuilder noSm() {
      r.smActive = Double.NaN;
      return this;
    }

    public ReadingBuilder power(double v) {
      r.powerW = v;
      return this;
    }

    public ReadingBuilder noPower() {
      r.powerW = Double.NaN;
      return this;
    }

    public ReadingBuilder model(String model) {
      r.powerMinWatts = LitThresholds.defaults().powerMinWatts(model);
      r.model = model;
      return this;
    }

    public ReadingBuilder model(String vendor, String model) {
      r.vendor = vendor;
      return model(model);
    }

    public ReadingBuilder tenant() {
      return tenant("tenant-label");
    }

    public ReadingBuilder tenant(String tenant) {
      r.tenant = tenant;
      return this;
    }

    /** The energy counter, in millijoules. */
    public ReadingBuilder energy(long millijoules) {
      r.energyMj = millijoules;
      return this;
    }

    /** An error code (XID). */
    public ReadingBuilder error(long code) {
      r.errorCode = code;
      return this;
    }

    public ReadingBuilder late() {
      r.late = true;
      return this;
    }

    public ReadingBuilder center(String center) {
      this.center = center;
      return this;
    }

    public Reading build() {
      r.deviceKey = DeviceKeys.of(center, device);
      return r;
    }
  }

  public static DeviceChange inventory(String device, InventoryAction action, double minutes) {
    DeviceChange c = new DeviceChange();
    c.center = CENTER;
    c.deviceUuid = device;
    c.eventTime = at(minutes);
    c.inventory = action;
    c.serial = "SN-" + device;
    return c;
  }

  public static DeviceChange lease(String device, LeaseAction action, double minutes) {
    DeviceChange c = new DeviceChange();
    c.center = CENTER;
    c.deviceUuid = device;
    c.eventTime = at(minutes);
    c.lease = action;
    c.tenant = "tenant-x";
    return c;
  }

  /** A device's window built straight from readings, with a history. */
  public static DeviceWindow window(long windowStart, DeviceHistory history, Reading... readings) {
    DeviceWindowAccumulator acc = new DeviceWindowAccumulator();
    for (Reading r : readings) {
      acc.add(r);
    }
    return RateRules.closeDeviceWindow(DeviceKeys.center(readings[0].deviceKey),
        DeviceKeys.device(readings[0].deviceKey), windowStart, acc, history,
        LitThresholds.defaults());
  }
}

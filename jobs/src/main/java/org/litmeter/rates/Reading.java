package org.litmeter.rates;

import org.litmeter.schema.GpuSample;

/**
 * The part of one valid telemetry sample that the rates need, small enough to shuffle cheaply: one
 * string (the device key) and numbers. Absent optional values are NaN. A Flink POJO: public fields
 * and a no-argument constructor.
 */
public class Reading {
  /** {@link DeviceKeys#of}: the center and the device UUID. */
  public String deviceKey;
  public long eventTime;
  public double gpuUtil = Double.NaN;
  public double smActive = Double.NaN;
  public double powerW = Double.NaN;
  /** The power the device's model must draw to count as working ({@link LitThresholds#powerMinWatts}). */
  public double powerMinWatts;
  /** The tenant an exporter label names, or null. */
  public String tenant;
  /** The accelerator's vendor and model, as the exporter reports them. */
  public String vendor;
  public String model;
  /** The error the device reports (NVIDIA's last XID, else another vendor's error code); 0 for none or not reported. */
  public long errorCode;
  /** The energy counter since the driver loaded, in millijoules; {@link #NO_ENERGY} when not reported. */
  public long energyMj = NO_ENERGY;

  public static final long NO_ENERGY = Long.MIN_VALUE;
  /** Arrived behind its partition's watermark but in time for its window (see {@link PartitionLateness}). */
  public boolean late;
  /** Where the sample is in the telemetry topic, to find it again if it is set aside. */
  public int partition;
  public long offset;

  public Reading() {}

  /**
   * The reading of a valid sample, whose model must draw {@code powerMinWatts} to count as working;
   * where it came from and whether it is late are the caller's to set.
   */
  public static Reading of(GpuSample s, double powerMinWatts) {
    Reading r = new Reading();
    r.deviceKey = DeviceKeys.of(s.getCenter(), s.getDeviceUuid());
    r.eventTime = s.getEventTime().toEpochMilli();
    r.gpuUtil = orNaN(s.getGpuUtil());
    r.smActive = orNaN(s.getSmActive());
    r.powerW = orNaN(s.getPowerW());
    r.powerMinWatts = powerMinWatts;
    r.tenant = s.getTenant() == null || s.getTenant().isEmpty() ? null : s.getTenant();
    r.vendor = s.getVendor();
    r.model = s.getModel();
    r.errorCode = s.getXidLast() != null && s.getXidLast() != 0 ? s.getXidLast()
        : s.getErrorCode() == null ? 0 : s.getErrorCode();
    r.energyMj = s.getEnergyMj() == null ? NO_ENERGY : s.getEnergyMj();
    return r;
  }

  private static double orNaN(Double v) {
    return v == null ? Double.NaN : v;
  }

  @Override
  public String toString() {
    return "Reading{" + DeviceKeys.center(deviceKey) + "/" + DeviceKeys.device(deviceKey) + " @" + eventTime
        + " util=" + gpuUtil + " sm=" + smActive + " power=" + powerW + " tenant=" + tenant + " late=" + late
        + " at " + partition + "@" + offset + "}";
  }
}

package org.litmeter.rates;

/**
 * The part of one valid telemetry sample that the rates need, small enough to shuffle cheaply.
 * Absent optional values are NaN. A Flink POJO: public fields and a no-argument constructor.
 */
public class Reading {
  public String center;
  public String deviceUuid;
  public String model;
  public long eventTime;
  public double gpuUtil = Double.NaN;
  public double smActive = Double.NaN;
  public double powerW = Double.NaN;
  public boolean hasTenant;
  /** Arrived behind its partition's watermark but in time for its window (see {@link PartitionLateness}). */
  public boolean late;
  /** Where the sample came from (topic-partition@offset), to find it again if it is set aside. */
  public String origin;

  public Reading() {}

  public Reading(String center, String deviceUuid, String model, long eventTime,
      double gpuUtil, double smActive, double powerW, boolean hasTenant, boolean late, String origin) {
    this.center = center;
    this.deviceUuid = deviceUuid;
    this.model = model;
    this.eventTime = eventTime;
    this.gpuUtil = gpuUtil;
    this.smActive = smActive;
    this.powerW = powerW;
    this.hasTenant = hasTenant;
    this.late = late;
    this.origin = origin;
  }

  /** The key that groups a device's readings: a device reporting from two centers is two keys. */
  public String deviceKey() {
    return DeviceKeys.of(center, deviceUuid);
  }

  @Override
  public String toString() {
    return "Reading{" + center + "/" + deviceUuid + " @" + eventTime + " util=" + gpuUtil
        + " sm=" + smActive + " power=" + powerW + " tenant=" + hasTenant + " model=" + model + "}";
  }
}

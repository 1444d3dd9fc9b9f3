package org.litmeter.rates;

/** One device's verdict for one five-minute window: racked, lit, occupied, and its sample totals. */
public class DeviceWindow {

  public String center;
  public String deviceUuid;
  public long windowStart;
  public boolean racked;
  public boolean lit;
  public boolean occupied;
  public long sampleCount;
  public long utilSumMicro;
  public long utilCount;
  public long smSumMicro;
  public long smCount;
  /** Energy in millijoules: mean power times the window length. */
  public long energyMj;
  public long lateSamples;
  public long duplicateSamples;
  /** The tenant of the window: a lease's, else an exporter label's; null when unoccupied. */
  public String tenant;
  /** Window means and range, NaN when not reported: what the detectors look at. */
  public double meanPowerW = Double.NaN;
  public double utilMin = Double.NaN;
  public double utilMax = Double.NaN;
  /** The idle-power threshold of the device's model ({@link LitThresholds#powerMinWatts}). */
  public double powerMinWatts;

  public DeviceWindow() {}

  public double meanGpuUtil() {
    return utilCount == 0 ? Double.NaN : FixedPoint.fromMicro(utilSumMicro) / utilCount;
  }

  public double meanSmActive() {
    return smCount == 0 ? Double.NaN : FixedPoint.fromMicro(smSumMicro) / smCount;
  }

  @Override
  public String toString() {
    return "DeviceWindow{" + center + "/" + deviceUuid + " @" + windowStart + " racked=" + racked
        + " lit=" + lit + " occupied=" + occupied + " samples=" + sampleCount + "}";
  }
}

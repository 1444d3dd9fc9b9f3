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

  public DeviceWindow() {}

  @Override
  public String toString() {
    return "DeviceWindow{" + center + "/" + deviceUuid + " @" + windowStart + " racked=" + racked
        + " lit=" + lit + " occupied=" + occupied + " samples=" + sampleCount + "}";
  }
}

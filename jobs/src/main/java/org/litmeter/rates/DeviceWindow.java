package org.litmeter.rates;

/** One device's verdict for one five-minute window: racked, lit, occupied, and its sample totals. */
public class DeviceWindow implements Cloneable {

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
  /** The accelerator's vendor and model, as its latest sample in the window reported them. */
  public String vendor;
  public String model;
  /** Racked, and a sample reported an error (NVIDIA XID, Ascend error code). */
  public boolean erroring;
  /** For an erroring window: the class of its latest error code ({@link ErrorClasses}); else null. */
  public ErrorClasses.ErrorClass errorClass;
  /** Erroring, and the device's previous window (within {@link DeviceHistory#CONTINUITY}) was not: an error episode starts. */
  public boolean errorOnset;
  /** Racked, and back after a silence while in service: the previous window was racked and no inventory event came between. */
  public boolean dropout;
  /** For a dropout: the five-minute windows the device was silent. */
  public long silentWindows;
  /** Racked, and times its energy counter went backwards (the driver reloaded, the card was reset). */
  public long resets;
  /** Null for the device's own verdict; else the slice this copy is counted in ({@link #inSlice}). */
  public Slice slice;
  /** Window means and range, NaN when not reported: what the detectors look at. */
  public double meanPowerW = Double.NaN;
  public double utilMin = Double.NaN;
  public double utilMax = Double.NaN;
  /** The idle-power threshold of the device's model ({@link LitThresholds#powerMinWatts}). */
  public double powerMinWatts;

  public DeviceWindow() {}

  /** The key of the window's center, or of the center's slice: what a center's windows are grouped by. */
  public String centerKey() {
    return Slice.keyOf(center, slice);
  }

  /** The same verdict, counted in {@code slice} of its center: a copy of every field but the slice. */
  public DeviceWindow inSlice(Slice slice) {
    try {
      DeviceWindow w = (DeviceWindow) clone();
      w.slice = slice;
      return w;
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
  }

  public double meanGpuUtil() {
    return utilCount == 0 ? Double.NaN : FixedPoint.fromMicro(utilSumMicro) / utilCount;
  }

  public double meanSmActive() {
    return smCount == 0 ? Double.NaN : FixedPoint.fromMicro(smSumMicro) / smCount;
  }

  @Override
  public String toString() {
    return "DeviceWindow{" + center + "/" + deviceUuid + " @" + windowStart + " racked=" + racked
        + " lit=" + lit + " occupied=" + occupied + " samples=" + sampleCount
        + (slice == null ? "" : " in " + slice) + "}";
  }
}

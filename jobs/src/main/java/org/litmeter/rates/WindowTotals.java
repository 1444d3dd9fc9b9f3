package org.litmeter.rates;

/**
 * Additive totals of device windows: what a center's five-minute window, an hour of a province or a
 * day of the nation sums up to. Every field is an exact integer, so any grouping and order of
 * additions gives the same totals.
 */
public class WindowTotals {

  public long rackedDeviceWindows;
  public long litDeviceWindows;
  public long occupiedDeviceWindows;
  public long sampleCount;
  public long utilSumMicro;
  public long utilCount;
  public long smSumMicro;
  public long smCount;
  public long energyMj;
  public long lateSamples;
  public long duplicateSamples;
  public long unrackedSamples;
  /** Stability of the racked devices: windows with an error, error episodes begun, dropouts and their silent windows, resets. */
  public long erroringDeviceWindows;
  public long errorOnsets;
  public long dropouts;
  public long silentDeviceWindows;
  public long resets;
  /** Erroring device-windows by the class of their error ({@link ErrorClasses.ErrorClass} ordinal). */
  public long[] erroringByClass = new long[ErrorClasses.ErrorClass.values().length];

  public WindowTotals() {}

  /** Adds a device's window; the samples of a device that is not racked count only as unracked. */
  public void add(DeviceWindow w) {
    duplicateSamples += w.duplicateSamples;
    if (!w.racked) {
      unrackedSamples += w.sampleCount;
      return;
    }
    rackedDeviceWindows++;
    litDeviceWindows += w.lit ? 1 : 0;
    occupiedDeviceWindows += w.occupied ? 1 : 0;
    sampleCount += w.sampleCount;
    utilSumMicro += w.utilSumMicro;
    utilCount += w.utilCount;
    smSumMicro += w.smSumMicro;
    smCount += w.smCount;
    energyMj += w.energyMj;
    lateSamples += w.lateSamples;
    erroringDeviceWindows += w.erroring ? 1 : 0;
    if (w.erroring) {
      erroringByClass[w.errorClass.ordinal()]++;
    }
    errorOnsets += w.errorOnset ? 1 : 0;
    dropouts += w.dropout ? 1 : 0;
    silentDeviceWindows += w.silentWindows;
    resets += w.resets;
  }

  public void add(WindowTotals t) {
    rackedDeviceWindows += t.rackedDeviceWindows;
    litDeviceWindows += t.litDeviceWindows;
    occupiedDeviceWindows += t.occupiedDeviceWindows;
    sampleCount += t.sampleCount;
    utilSumMicro += t.utilSumMicro;
    utilCount += t.utilCount;
    smSumMicro += t.smSumMicro;
    smCount += t.smCount;
    energyMj += t.energyMj;
    lateSamples += t.lateSamples;
    duplicateSamples += t.duplicateSamples;
    unrackedSamples += t.unrackedSamples;
    erroringDeviceWindows += t.erroringDeviceWindows;
    for (int i = 0; i < erroringByClass.length; i++) {
      erroringByClass[i] += t.erroringByClass[i];
    }
    errorOnsets += t.errorOnsets;
    dropouts += t.dropouts;
    silentDeviceWindows += t.silentDeviceWindows;
    resets += t.resets;
  }
}

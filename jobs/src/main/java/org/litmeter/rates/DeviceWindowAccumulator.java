package org.litmeter.rates;

import java.util.Arrays;

/**
 * What one device reported in one five-minute window, accumulated sample by sample. Sums are kept
 * in fixed point (millionths) so that they do not depend on the order samples arrive in.
 */
public class DeviceWindowAccumulator {

  public double powerMinWatts;
  public long sampleCount;
  public long utilSumMicro;
  public long utilCount;
  public long smSumMicro;
  public long smCount;
  public double powerSum;
  public long powerCount;
  /** The tenant the labels of the latest sample that had one named, or null. */
  public String tenant;
  public long tenantTime = Long.MIN_VALUE;
  /** The vendor and model the latest sample reported. */
  public String vendor;
  public String model;
  public long modelTime = Long.MIN_VALUE;
  public double utilMin = Double.NaN;
  public double utilMax = Double.NaN;
  public long lateSamples;
  public long duplicateSamples;
  /** Distinct event times seen, sorted: a repeated time is a duplicate sample. */
  public long[] eventTimes = new long[0];
  /** The energy counter of the sample at the same index of {@link #eventTimes}, or {@link Reading#NO_ENERGY}. */
  public long[] energies = new long[0];
  /** Samples that reported an error code, and the code of the latest of them (by event time). */
  public long errorSamples;
  public long latestErrorCode;
  public long latestErrorTime = Long.MIN_VALUE;

  public DeviceWindowAccumulator() {}

  /** Adds a reading unless its device already reported at the same instant; returns whether it was added. */
  public boolean add(Reading r) {
    int at = Arrays.binarySearch(eventTimes, r.eventTime);
    if (at >= 0) {
      duplicateSamples++;
      return false;
    }
    int insert = -at - 1;
    long[] grown = new long[eventTimes.length + 1];
    System.arraycopy(eventTimes, 0, grown, 0, insert);
    grown[insert] = r.eventTime;
    System.arraycopy(eventTimes, insert, grown, insert + 1, eventTimes.length - insert);
    eventTimes = grown;
    long[] grownEnergies = new long[energies.length + 1];
    System.arraycopy(energies, 0, grownEnergies, 0, insert);
    grownEnergies[insert] = r.energyMj;
    System.arraycopy(energies, insert, grownEnergies, insert + 1, energies.length - insert);
    energies = grownEnergies;
    if (r.errorCode != 0) {
      errorSamples++;
      if (r.eventTime > latestErrorTime) {
        latestErrorCode = r.errorCode;
        latestErrorTime = r.eventTime;
      }
    }

    powerMinWatts = r.powerMinWatts;
    sampleCount++;
    if (r.late) {
      lateSamples++;
    }
    if (!Double.isNaN(r.gpuUtil)) {
      utilSumMicro += FixedPoint.toMicro(r.gpuUtil);
      utilCount++;
      utilMin = Double.isNaN(utilMin) ? r.gpuUtil : Math.min(utilMin, r.gpuUtil);
      utilMax = Double.isNaN(utilMax) ? r.gpuUtil : Math.max(utilMax, r.gpuUtil);
    }
    if (!Double.isNaN(r.smActive)) {
      smSumMicro += FixedPoint.toMicro(r.smActive);
      smCount++;
    }
    if (!Double.isNaN(r.powerW)) {
      powerSum += r.powerW;
      powerCount++;
    }
    // by event time, not arrival, so that any order of the same samples gives the same window
    if (r.tenant != null && r.eventTime > tenantTime) {
      tenant = r.tenant;
      tenantTime = r.eventTime;
    }
    if (r.eventTime > modelTime) {
      vendor = r.vendor;
      model = r.model;
      modelTime = r.eventTime;
    }
    return true;
  }

  public double meanGpuUtil() {
    return utilCount == 0 ? Double.NaN : FixedPoint.fromMicro(utilSumMicro) / utilCount;
  }

  public double meanSmActive() {
    return smCount == 0 ? Double.NaN : FixedPoint.fromMicro(smSumMicro) / smCount;
  }

  public double meanPowerW() {
    return powerCount == 0 ? Double.NaN : powerSum / powerCount;
  }
}

package org.litmeter.jobs.io;

import java.time.Duration;
import java.time.Instant;
import org.litmeter.rates.RateRules;
import org.litmeter.rates.RatesRow;
import org.litmeter.rates.Revisions;
import org.litmeter.schema.Resolution;
import org.litmeter.schema.RevisionStatus;
import org.litmeter.schema.Scope;
import org.litmeter.schema.UtilizationRates;

/** Rates rows as the Avro records of the rates topic; the rates are derived by {@link RateRules}. */
public final class RatesRecords {

  private RatesRecords() {}

  public static UtilizationRates toAvro(RatesRow r, Duration revisionPeriod) {
    long now = System.currentTimeMillis();
    return UtilizationRates.newBuilder()
        .setScope(Scope.valueOf(r.scope.name()))
        .setScopeId(r.scopeId)
        .setResolution(Resolution.valueOf(r.resolution.name()))
        .setWindowStart(Instant.ofEpochMilli(r.windowStart))
        .setWindowEnd(Instant.ofEpochMilli(r.windowEnd))
        .setBaseWindows(r.resolution.baseWindows())
        .setReportedWindows(r.reportedWindows)
        .setCenters(r.centers)
        .setReportingCenters(r.reportingCenters)
        .setPlanned(r.planned)
        .setRackedDeviceWindows(r.totals.rackedDeviceWindows)
        .setLitDeviceWindows(r.totals.litDeviceWindows)
        .setOccupiedDeviceWindows(r.totals.occupiedDeviceWindows)
        .setRacked(RateRules.meanDevices(r, r.totals.rackedDeviceWindows))
        .setLit(RateRules.meanDevices(r, r.totals.litDeviceWindows))
        .setOccupied(RateRules.meanDevices(r, r.totals.occupiedDeviceWindows))
        .setRackedRate(RateRules.rackedRate(r))
        .setLitRate(RateRules.litRate(r))
        .setOccupiedRate(RateRules.occupiedRate(r))
        .setMeanGpuUtil(RateRules.meanGpuUtil(r))
        .setMeanSmActive(RateRules.meanSmActive(r))
        .setEnergyKwh(RateRules.energyKwh(r))
        .setSampleCount(r.totals.sampleCount)
        .setLateSamples(r.totals.lateSamples)
        .setDuplicateSamples(r.totals.duplicateSamples)
        .setUnrackedSamples(r.totals.unrackedSamples)
        .setRevision(r.revision)
        .setStatus(Revisions.isFinal(r.revision, r.windowEnd, now, revisionPeriod) ? RevisionStatus.FINAL : RevisionStatus.PRELIMINARY)
        .setComputedAt(Instant.ofEpochMilli(now))
        .build();
  }
}

package org.litmeter.jobs.clickhouse;

import java.time.Duration;
import java.util.List;
import org.litmeter.rates.RateRules;
import org.litmeter.rates.RatesRow;
import org.litmeter.rates.Revisions;

/**
 * Rates rows into {@code litmeter.rates}; the rates are derived by {@link RateRules}, the status
 * by {@link Revisions} at the time the row is written.
 */
public final class RatesTable implements ClickHouseTable<RatesRow> {

  private static final long serialVersionUID = 1L;

  private final Duration revisionPeriod;

  public RatesTable(Duration revisionPeriod) {
    this.revisionPeriod = revisionPeriod;
  }

  @Override
  public String table() {
    return "litmeter.rates";
  }

  /** The columns that say which scope and window a row is about, in {@link #writeWindow}'s order. */
  static final List<String> WINDOW_COLUMNS = List.of("scope", "scope_id", "resolution", "window_start", "window_end",
      "base_windows", "reported_windows", "centers", "reporting_centers");
  /** The columns of {@link #writeDevices}: device-windows and mean devices. */
  static final List<String> DEVICE_COLUMNS = List.of("racked_device_windows", "lit_device_windows",
      "occupied_device_windows", "racked", "lit", "occupied");
  /** The columns of {@link #writeActivity}. */
  static final List<String> ACTIVITY_COLUMNS = List.of("mean_gpu_util", "mean_sm_active", "energy_kwh");
  /** The columns of {@link #writeRevision}. */
  static final List<String> REVISION_COLUMNS = List.of("revision", "status", "computed_at");

  @Override
  public List<String> columns() {
    return ClickHouseTable.concat(WINDOW_COLUMNS, List.of("planned"), DEVICE_COLUMNS,
        List.of("racked_rate", "lit_rate", "occupied_rate"), ACTIVITY_COLUMNS,
        List.of("sample_count", "late_samples", "duplicate_samples", "unracked_samples"), REVISION_COLUMNS);
  }

  @Override
  public void encode(RatesRow r, RowBinaryWriter out) {
    writeWindow(r, out);
    out.writeUInt64(r.planned);
    writeDevices(r, out);
    out.writeNullableFloat64(RateRules.rackedRate(r));
    out.writeNullableFloat64(RateRules.litRate(r));
    out.writeNullableFloat64(RateRules.occupiedRate(r));
    writeActivity(r, out);
    out.writeUInt64(r.totals.sampleCount);
    out.writeUInt64(r.totals.lateSamples);
    out.writeUInt64(r.totals.duplicateSamples);
    out.writeUInt64(r.totals.unrackedSamples);
    writeRevision(r, revisionPeriod, out);
    out.endRow();
  }

  static void writeWindow(RatesRow r, RowBinaryWriter out) {
    out.writeInt8(r.scope.ordinal() + 1);
    out.writeString(r.scopeId);
    out.writeInt8(r.resolution.ordinal() + 1);
    out.writeDateTime(r.windowStart);
    out.writeDateTime(r.windowEnd);
    out.writeUInt16(r.resolution.baseWindows());
    out.writeUInt16(r.reportedWindows);
    out.writeUInt32(r.centers);
    out.writeUInt32(r.reportingCenters);
  }

  static void writeDevices(RatesRow r, RowBinaryWriter out) {
    out.writeUInt64(r.totals.rackedDeviceWindows);
    out.writeUInt64(r.totals.litDeviceWindows);
    out.writeUInt64(r.totals.occupiedDeviceWindows);
    out.writeFloat64(RateRules.meanDevices(r, r.totals.rackedDeviceWindows));
    out.writeFloat64(RateRules.meanDevices(r, r.totals.litDeviceWindows));
    out.writeFloat64(RateRules.meanDevices(r, r.totals.occupiedDeviceWindows));
  }

  static void writeActivity(RatesRow r, RowBinaryWriter out) {
    out.writeNullableFloat64(RateRules.meanGpuUtil(r));
    out.writeNullableFloat64(RateRules.meanSmActive(r));
    out.writeFloat64(RateRules.energyKwh(r));
  }

  static void writeRevision(RatesRow r, Duration revisionPeriod, RowBinaryWriter out) {
    long now = System.currentTimeMillis();
    out.writeUInt64(r.revision);
    out.writeInt8(Revisions.isFinal(r.revision, r.windowEnd, now, revisionPeriod) ? 2 : 1);
    out.writeDateTime(now);
  }
}

package org.litmeter.jobs.clickhouse;

import java.time.Duration;
import java.util.List;
import org.litmeter.rates.AcceleratorVendors;
import org.litmeter.rates.ErrorClasses;
import org.litmeter.rates.RateRules;
import org.litmeter.rates.RatesRow;

/**
 * Rows of the model slices into {@code litmeter.model_rates}: the lit and occupied rates of one
 * vendor's model in a scope, with its family from {@link AcceleratorVendors}. Racked device-windows
 * add up over the models of a scope to its row in {@code litmeter.rates}; there is no racked rate,
 * because the registry plans accelerators per center, not per model. With the rates, each model's
 * stability: erroring device-windows, error episodes, dropouts, resets, the mean time between
 * failures and the share of time lost.
 */
public final class ModelRatesTable implements ClickHouseTable<RatesRow> {

  private static final long serialVersionUID = 1L;

  /** Erroring device-windows per error class: application_error_windows, memory_error_windows, ... */
  private static final List<String> CLASS_COLUMNS = java.util.Arrays.stream(ErrorClasses.ErrorClass.values())
      .map(c -> c.label() + "_error_windows").toList();

  private final Duration revisionPeriod;
  private final AcceleratorVendors vendors = AcceleratorVendors.catalogue();

  public ModelRatesTable(Duration revisionPeriod) {
    this.revisionPeriod = revisionPeriod;
  }

  @Override
  public String table() {
    return "litmeter.model_rates";
  }

  @Override
  public List<String> columns() {
    return ClickHouseTable.concat(RatesTable.WINDOW_COLUMNS, List.of("vendor", "model", "vendor_family"),
        RatesTable.DEVICE_COLUMNS, List.of("lit_rate", "occupied_rate"), RatesTable.ACTIVITY_COLUMNS,
        List.of("sample_count", "unracked_samples"), RatesTable.REVISION_COLUMNS, List.of("erroring_device_windows", "error_episodes",
        "dropouts", "silent_device_windows", "resets", "mtbf_hours", "lost_share"), CLASS_COLUMNS);
  }

  @Override
  public void encode(RatesRow r, RowBinaryWriter out) {
    RatesTable.writeWindow(r, out);
    out.writeString(r.slice.vendor);
    out.writeString(r.slice.name);
    out.writeInt8(vendors.familyOf(r.slice.vendor).ordinal());
    RatesTable.writeDevices(r, out);
    out.writeNullableFloat64(RateRules.litRate(r));
    out.writeNullableFloat64(RateRules.occupiedRate(r));
    RatesTable.writeActivity(r, out);
    out.writeUInt64(r.totals.sampleCount);
    out.writeUInt64(r.totals.unrackedSamples);
    RatesTable.writeRevision(r, revisionPeriod, out);
    out.writeUInt64(r.totals.erroringDeviceWindows);
    out.writeUInt64(r.totals.errorOnsets);
    out.writeUInt64(r.totals.dropouts);
    out.writeUInt64(r.totals.silentDeviceWindows);
    out.writeUInt64(r.totals.resets);
    out.writeNullableFloat64(RateRules.meanHoursBetweenFailures(r));
    out.writeNullableFloat64(RateRules.lostShare(r));
    for (long n : r.totals.erroringByClass) {
      out.writeUInt64(n);
    }
    out.endRow();
  }
}

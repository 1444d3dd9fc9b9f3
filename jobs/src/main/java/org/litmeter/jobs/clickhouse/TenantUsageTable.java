package org.litmeter.jobs.clickhouse;

import java.time.Duration;
import java.util.List;
import org.litmeter.rates.RateRules;
import org.litmeter.rates.RatesRow;

/**
 * Rows of the tenant slices into {@code litmeter.tenant_usage}: per tenant, scope and window, the
 * card-hours it held (leased, or labelled with it on the exporter) against the card-hours those
 * cards were lit, and how hard they worked. A tenant's device-windows are all racked and occupied,
 * so its lit share is {@link RateRules#litRate} of its slice.
 */
public final class TenantUsageTable implements ClickHouseTable<RatesRow> {

  private static final long serialVersionUID = 1L;

  private final Duration revisionPeriod;

  public TenantUsageTable(Duration revisionPeriod) {
    this.revisionPeriod = revisionPeriod;
  }

  @Override
  public String table() {
    return "litmeter.tenant_usage";
  }

  @Override
  public List<String> columns() {
    return ClickHouseTable.concat(RatesTable.WINDOW_COLUMNS, List.of("tenant", "leased_device_windows",
        "lit_device_windows", "leased_card_hours", "lit_card_hours", "lit_share"), RatesTable.ACTIVITY_COLUMNS,
        List.of("sample_count"), RatesTable.REVISION_COLUMNS);
  }

  @Override
  public void encode(RatesRow r, RowBinaryWriter out) {
    RatesTable.writeWindow(r, out);
    out.writeString(r.slice.name);
    out.writeUInt64(r.totals.occupiedDeviceWindows);
    out.writeUInt64(r.totals.litDeviceWindows);
    out.writeFloat64(RateRules.cardHours(r.totals.occupiedDeviceWindows));
    out.writeFloat64(RateRules.cardHours(r.totals.litDeviceWindows));
    out.writeNullableFloat64(RateRules.litRate(r));
    RatesTable.writeActivity(r, out);
    out.writeUInt64(r.totals.sampleCount);
    RatesTable.writeRevision(r, revisionPeriod, out);
    out.endRow();
  }
}

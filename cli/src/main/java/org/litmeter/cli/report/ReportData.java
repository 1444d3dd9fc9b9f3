package org.litmeter.cli.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.litmeter.cli.report.RatesChart.Point;
import org.litmeter.cli.report.StoredAlerts.StoredAlert;
import org.litmeter.infra.clickhouse.ClickHouseSql;

/**
 * What a report shows, read from ClickHouse: the selected centers, the rates of the whole
 * selection and of each center over the period, the firing alerts, and from which window on the
 * figures are still preliminary ({@code preliminaryFrom}, epoch seconds; null when all are final).
 * Rates over the period are sums of device-windows, as everywhere in litmeter, never means of rates.
 */
record ReportData(Selection selection, long from, long to, String resolution, List<Point> overall, Totals overallTotals,
    List<Center> centers, Map<String, List<Point>> centerSeries, Map<String, Totals> centerTotals,
    List<StoredAlert> alerts, Long preliminaryFrom, List<ModelTotals> models, List<TenantTotals> tenants) {

  /** How many tenants the report lists. */
  static final int TENANTS_LISTED = 20;

  /** One chip model of the selection over the period, from {@code litmeter.model_rates}. */
  record ModelTotals(String family, String vendor, String model, long racked, long lit, long occupied,
      Stability stability) {}

  /** Error windows, error episodes begun, dropouts and their silent windows, summed over the period. */
  record Stability(long erroring, long episodes, long dropouts, long silent) {
    Stability plus(Stability o) {
      return new Stability(erroring + o.erroring, episodes + o.episodes, dropouts + o.dropouts, silent + o.silent);
    }

    /** Racked card-hours per failure; null without one. */
    Double hoursBetweenFailures(long racked) {
      return episodes + dropouts == 0 ? null : racked / 12.0 / (episodes + dropouts);
    }

    /** Erroring and silent over racked and silent device-windows. */
    Double timeLost(long racked) {
      return racked + silent == 0 ? null : (double) (erroring + silent) / (racked + silent);
    }
  }

  /** One tenant of one center over the period, from {@code litmeter.tenant_usage}. */
  record TenantTotals(String center, String tenant, long leased, long lit) {}

  /** What to report on: a region ("all", "east", "west") or one center. */
  record Selection(String region, String center) {
    String scope() {
      return center != null ? "center" : region.equals("all") ? "nation" : "region";
    }

    String scopeId() {
      return center != null ? center : region.equals("all") ? "national" : region;
    }

    /** For messages on the command line, which are in English. */
    String title() {
      return center != null ? "center " + center : region.equals("all") ? "all of China" : region + " China";
    }
  }

  record Center(String id, String name, String province, String region, long planned, LocalDate acceptanceStart,
      LocalDate acceptanceEnd) {}

  /** Device-windows summed over the period. */
  record Totals(long plannedWindows, long racked, long lit, long occupied) {
    Double rackedRate() {
      return plannedWindows == 0 ? null : (double) racked / plannedWindows;
    }

    Double litRate() {
      return racked == 0 ? null : (double) lit / racked;
    }

    Double occupiedRate() {
      return racked == 0 ? null : (double) occupied / racked;
    }
  }

  /** Whether the report's windows are days (else hours). */
  boolean daily() {
    return resolution.equals("1d");
  }

  private static final long DAY = 86_400;
  private static final List<String> SEVERITIES = List.of("critical", "warning", "info", "unknown");

  /**
   * Reads the report of {@code selection} over the {@code days} days up to the newest closed window
   * (or from the oldest, if that is later).
   *
   * @throws IllegalStateException when ClickHouse holds no rates for the selection
   */
  static ReportData load(ClickHouseSql sql, Selection selection, int days) {
    ClickHouseSql.Row span = sql.rows("SELECT toUInt32(minIf(window_start, resolution = '5m')) AS oldest,"
        + " toUInt32(maxIf(window_end, resolution = '5m')) AS newest FROM litmeter.rates WHERE scope = "
        + ClickHouseSql.quote(selection.scope()) + " AND scope_id = " + ClickHouseSql.quote(selection.scopeId()))
        .get(0);
    long to = span.getLong("newest");
    if (to == 0) {
      throw new IllegalStateException("no rates for " + selection.title() + " in ClickHouse");
    }
    // no empty stretch before the data starts
    long from = Math.max(to - days * DAY, span.getLong("oldest"));
    String resolution = to - from > 3 * DAY ? "1d" : "1h";

    List<Center> centers = new ArrayList<>();
    String centerFilter = selection.center() != null ? "center_id = " + ClickHouseSql.quote(selection.center())
        : selection.region().equals("all") ? "1" : "region = " + ClickHouseSql.quote(selection.region());
    for (ClickHouseSql.Row r : sql.rows("SELECT center_id, name, province, toString(region) AS region_name,"
        + " planned_accelerators, acceptance_start, acceptance_end FROM litmeter.centers FINAL WHERE "
        + centerFilter + " ORDER BY center_id")) {
      centers.add(new Center(r.get("center_id"), r.get("name"), r.get("province"), r.get("region_name"),
          r.getLong("planned_accelerators"), date(r.get("acceptance_start")), date(r.get("acceptance_end"))));
    }

    String period = " AND resolution = " + ClickHouseSql.quote(resolution) + " AND window_start >= toDateTime(" + from
        + ") AND window_start < toDateTime(" + to + ")";
    Map<String, List<Point>> series = new LinkedHashMap<>();
    Map<String, Totals> totals = new LinkedHashMap<>();
    List<String> scopeIds = new ArrayList<>(centers.stream().map(Center::id).toList());
    String inList = String.join(", ", scopeIds.stream().map(ClickHouseSql::quote).toList());
    String scopes = "(scope = " + ClickHouseSql.quote(selection.scope()) + " AND scope_id = "
        + ClickHouseSql.quote(selection.scopeId()) + ")"
        + (scopeIds.isEmpty() || selection.center() != null ? "" : " OR (scope = 'center' AND scope_id IN (" + inList + "))");
    for (ClickHouseSql.Row r : sql.rows("SELECT toString(scope) AS scope_name, scope_id, toUInt32(window_start) AS t,"
        + " racked_rate, lit_rate, occupied_rate, planned * base_windows AS planned_windows, racked_device_windows,"
        + " lit_device_windows, occupied_device_windows FROM litmeter.rates FINAL WHERE (" + scopes + ")" + period
        + " ORDER BY scope_name, scope_id, t")) {
      String key = r.get("scope_name").equals(selection.scope()) && r.get("scope_id").equals(selection.scopeId())
          ? "" : r.get("scope_id");
      series.computeIfAbsent(key, k -> new ArrayList<>()).add(new Point(r.getLong("t"), rate(r.get("racked_rate")),
          rate(r.get("lit_rate")), rate(r.get("occupied_rate"))));
      Totals t = totals.getOrDefault(key, new Totals(0, 0, 0, 0));
      totals.put(key, new Totals(t.plannedWindows() + r.getLong("planned_windows"),
          t.racked() + r.getLong("racked_device_windows"), t.lit() + r.getLong("lit_device_windows"),
          t.occupied() + r.getLong("occupied_device_windows")));
    }
    List<Point> overall = series.remove("");
    Totals overallTotals = totals.remove("");
    if (overall == null) {
      throw new IllegalStateException("no rates for " + selection.title() + " in the last " + days + " days");
    }

    List<StoredAlert> alerts = new ArrayList<>();
    if (!scopeIds.isEmpty()) {
      alerts.addAll(StoredAlerts.read(sql, "status = 'firing' AND center IN (" + inList + ")", 200));
      // the most severe first, the newest first within a severity
      alerts.sort(Comparator.comparingInt((StoredAlert a) -> SEVERITIES.indexOf(a.severity())));
    }
    // the newest revision of each window says whether its figures are final yet
    ClickHouseSql.Row preliminary = sql.rows("SELECT toUInt32(min(window_start)) AS first, count() AS n FROM ("
        + "SELECT window_start, argMax(status, revision) AS newest FROM litmeter.rates WHERE scope = "
        + ClickHouseSql.quote(selection.scope()) + " AND scope_id = " + ClickHouseSql.quote(selection.scopeId())
        + period + " GROUP BY window_start) WHERE newest = 'preliminary'").get(0);
    List<ModelTotals> models = new ArrayList<>();
    for (ClickHouseSql.Row r : sql.rows("SELECT toString(vendor_family) AS family, vendor, model,"
        + " sum(racked_device_windows) AS racked, sum(lit_device_windows) AS lit, sum(occupied_device_windows) AS occupied,"
        + " sum(erroring_device_windows) AS erroring, sum(error_episodes) AS episodes, sum(dropouts) AS dropout_count,"
        + " sum(silent_device_windows) AS silent FROM litmeter.model_rates FINAL WHERE scope = " + ClickHouseSql.quote(selection.scope()) + " AND scope_id = "
        + ClickHouseSql.quote(selection.scopeId()) + period + " GROUP BY family, vendor, model"
        + " HAVING racked > 0 ORDER BY family, racked DESC, vendor, model")) {
      models.add(new ModelTotals(r.get("family"), r.get("vendor"), r.get("model"), r.getLong("racked"),
          r.getLong("lit"), r.getLong("occupied"), new Stability(r.getLong("erroring"), r.getLong("episodes"),
              r.getLong("dropout_count"), r.getLong("silent"))));
    }
    List<TenantTotals> tenants = new ArrayList<>();
    if (!scopeIds.isEmpty()) {
      for (ClickHouseSql.Row r : sql.rows("SELECT scope_id AS center, tenant, sum(leased_device_windows) AS leased,"
          + " sum(lit_device_windows) AS lit FROM litmeter.tenant_usage FINAL WHERE scope = 'center' AND scope_id IN ("
          + inList + ")" + period + " GROUP BY center, tenant ORDER BY leased - lit DESC, center, tenant LIMIT "
          + TENANTS_LISTED)) {
        tenants.add(new TenantTotals(r.get("center"), r.get("tenant"), r.getLong("leased"), r.getLong("lit")));
      }
    }
    return new ReportData(selection, from, to, resolution, overall, overallTotals, centers, series, totals,
        alerts, preliminary.getLong("n") == 0 ? null : preliminary.getLong("first"), models, tenants);
  }

  private static LocalDate date(String value) {
    return value == null ? null : LocalDate.parse(value);
  }

  private static Double rate(String value) {
    return value == null || value.equals("nan") ? null : Double.valueOf(value);
  }
}

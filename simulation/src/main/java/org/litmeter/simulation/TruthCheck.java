package org.litmeter.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.litmeter.infra.clickhouse.ClickHouseSql;

/**
 * Compares what the pipeline wrote to {@code litmeter.rates} with the simulator's ground truth,
 * row by row: the counts (planned, centers, windows, racked, lit, occupied, samples) must be equal;
 * and the same for the slices by model ({@code litmeter.model_rates}) and tenant
 * ({@code litmeter.tenant_usage}), which have no planned accelerators of their own.
 */
public final class TruthCheck {

  /** Rows by key (scope/scope_id/resolution/window_start_ms), each described as text. */
  public record Report(Map<String, String> expected, Map<String, String> actual) {

    public int matching() {
      int n = 0;
      for (Map.Entry<String, String> e : expected.entrySet()) {
        if (e.getValue().equals(actual.get(e.getKey()))) {
          n++;
        }
      }
      return n;
    }

    public boolean exact() {
      return expected.equals(actual);
    }

    /** The first differences, for people. */
    public List<String> differences(int max) {
      List<String> out = new ArrayList<>();
      for (Map.Entry<String, String> e : expected.entrySet()) {
        String got = actual.get(e.getKey());
        if (!e.getValue().equals(got) && out.size() < max) {
          out.add(e.getKey() + ": expected " + e.getValue() + ", got " + got);
        }
      }
      for (String key : actual.keySet()) {
        if (!expected.containsKey(key) && out.size() < max) {
          out.add(key + ": not expected, got " + actual.get(key));
        }
      }
      return out;
    }
  }

  private TruthCheck() {}

  public static Report compare(GroundTruth truth, ClickHouseSql sql) {
    return compare(truth.expectedRows(), sql);
  }

  /** As {@link #compare}, against the rows a restatement of every stored sample must give. */
  public static Report compareRestated(GroundTruth truth, ClickHouseSql sql) {
    return compare(truth.expectedRowsWithEverySample(), sql);
  }

  private static Report compare(Map<String, ExpectedRow> rows, ClickHouseSql sql) {
    return new Report(describeAll(rows), actualRows(sql));
  }

  /** The model and tenant rows against {@link GroundTruth#expectedSliceRows}. */
  public static Report compareSlices(GroundTruth truth, ClickHouseSql sql) {
    return new Report(describeAll(truth.expectedSliceRows()), actualSliceRows(sql));
  }

  /** As {@link #compareSlices}, against what a restatement of every stored sample must give. */
  public static Report compareSlicesRestated(GroundTruth truth, ClickHouseSql sql) {
    return new Report(describeAll(truth.expectedSliceRowsWithEverySample()), actualSliceRows(sql));
  }

  /** Expected rows by key, each described as {@link #actualRows} describes what ClickHouse holds. */
  public static Map<String, String> describeAll(Map<String, ExpectedRow> rows) {
    Map<String, String> expected = new TreeMap<>();
    for (ExpectedRow row : rows.values()) {
      expected.put(row.key(), (row.slice() != null && row.slice().startsWith("model ")
          ? describe(row.stability()) : "") + describe(row.slice() == null ? row.planned() : null, row.centers(), row.reportingCenters(), row.reportedWindows(),
          row.racked(), row.lit(), row.occupied(), row.samples(), row.unrackedSamples()));
    }
    return expected;
  }

  /** The dead letters ClickHouse holds, counted by reason (compare with {@link GroundTruth#expectedDeadLetters}). */
  public static Map<String, Long> deadLettersByReason(ClickHouseSql sql) {
    Map<String, Long> out = new TreeMap<>();
    sql.rows("SELECT reason, count() AS n FROM litmeter.dead_letters FINAL GROUP BY reason")
        .forEach(r -> out.put(r.get("reason"), r.getLong("n")));
    return out;
  }

  public static Map<String, String> actualRows(ClickHouseSql sql) {
    Map<String, String> actual = new TreeMap<>();
    for (ClickHouseSql.Row r : sql.rows("""
        SELECT scope, scope_id, resolution, toUInt64(window_start) * 1000 AS start, planned, centers,
               reporting_centers, reported_windows, racked_device_windows, lit_device_windows,
               occupied_device_windows, sample_count, unracked_samples
        FROM litmeter.rates FINAL""")) {
      actual.put(r.get("scope") + "/" + r.get("scope_id") + "/" + r.get("resolution") + "/" + r.get("start"),
          describe(r.getLong("planned"), (int) r.getLong("centers"), (int) r.getLong("reporting_centers"),
              (int) r.getLong("reported_windows"), r.getLong("racked_device_windows"),
              r.getLong("lit_device_windows"), r.getLong("occupied_device_windows"), r.getLong("sample_count"),
              r.getLong("unracked_samples")));
    }
    return actual;
  }

 /** Rows of {@code litmeter.model_rates} and {@code litmeter.tenant_usage}, keyed as the expected ones. */
  public static Map<String, String> actualSliceRows(ClickHouseSql sql) {
    Map<String, String> actual = new TreeMap<>();
    for (ClickHouseSql.Row r : sql.rows("""
        SELECT scope, scope_id, resolution, toUInt64(window_start) * 1000 AS start,
               concat('model ', vendor, '/', model) AS slice, centers, reporting_centers, reported_windows,
               racked_device_windows AS racked, lit_device_windows AS lit, occupied_device_windows AS occupied,
               sample_count, unracked_samples, erroring_device_windows, error_episodes, dropouts,
               silent_device_windows, resets, application_error_windows, memory_error_windows,
               interconnect_error_windows, hardware_error_windows, firmware_error_windows, unlisted_error_windows
        FROM litmeter.model_rates FINAL
        UNION ALL
        SELECT scope, scope_id, resolution, toUInt64(window_start) * 1000 AS start,
               concat('tenant ', tenant) AS slice, centers, reporting_centers, reported_windows,
               leased_device_windows AS racked, lit_device_windows AS lit, leased_device_windows AS occupied,
               sample_count, toUInt64(0) AS unracked_samples, toUInt64(0) AS erroring_device_windows,
               toUInt64(0) AS error_episodes, toUInt64(0) AS dropouts, toUInt64(0) AS silent_device_windows,
               toUInt64(0) AS resets, toUInt64(0) AS application_error_windows, toUInt64(0) AS memory_error_windows,
               toUInt64(0) AS interconnect_error_windows, toUInt64(0) AS hardware_error_windows,
               toUInt64(0) AS firmware_error_windows, toUInt64(0) AS unlisted_error_windows
        FROM litmeter.tenant_usage FINAL""")) {
      actual.put(r.get("scope") + "/" + r.get("scope_id") + "/" + r.get("resolution") + "/" + r.get("start") + " "
              + r.get("slice"),
          (r.get("slice").startsWith("model ") ? describe(new WindowTruth.Stability(r.getLong("erroring_device_windows"),
              r.getLong("error_episodes"), r.getLong("dropouts"), r.getLong("silent_device_windows"),
              r.getLong("resets"), new long[] {r.getLong("application_error_windows"), r.getLong("memory_error_windows"),
              r.getLong("interconnect_error_windows"), r.getLong("hardware_error_windows"),
              r.getLong("firmware_error_windows"), r.getLong("unlisted_error_windows")})) : "")
          + describe(null, (int) r.getLong("centers"), (int) r.getLong("reporting_centers"),
              (int) r.getLong("reported_windows"), r.getLong("racked"), r.getLong("lit"), r.getLong("occupied"),
              r.getLong("sample_count"), r.getLong("unracked_samples")));
    }
    return actual;
  }

  /** The stability counts of a model row, as {@link #describeAll} writes them before its counts. */
  public static String describe(WindowTruth.Stability s) {
    return "errors=" + s.erroring() + " episodes=" + s.errorOnsets() + " dropouts=" + s.dropouts() + " silent="
        + s.silentWindows() + " resets=" + s.resets() + " by class=" + java.util.Arrays.toString(s.erroringByClass())
        + " ";
  }

  /** The counts of a row as every report of this class writes them; {@code planned} null for a slice, which has none of its own. */
  public static String describe(Long planned, int centers, int reportingCenters, int reportedWindows, long racked,
      long lit, long occupied, long samples, long unracked) {
    return (planned == null ? "" : "planned=" + planned + " ") + "centers=" + centers + "/" + reportingCenters + " windows=" + reportedWindows
        + " racked=" + racked + " lit=" + lit + " occupied=" + occupied + " samples=" + samples
        + " unracked=" + unracked;
  }
}

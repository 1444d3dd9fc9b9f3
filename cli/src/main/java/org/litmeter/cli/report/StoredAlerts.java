package org.litmeter.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.MissingResourceException;
import org.litmeter.detect.AlertText;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.schema.AlertStatus;

/** Alerts read back from {@code litmeter.alerts}, with the fields their text is rendered from. */
public final class StoredAlerts {

  private StoredAlerts() {}

  /** One alert's newest row; times in epoch seconds, {@code resolvedAt} null while it fires. */
  public record StoredAlert(String id, long detectedAt, String severity, Double score, String status, String kind,
      String center, String tenant, String device, long startedAt, Long resolvedAt, String summary,
      Map<String, String> evidence) {

    /** Who or what besides the center the alert is about: its device or tenant, or "". */
    public String subject() {
      return device != null ? device : tenant != null ? tenant : "";
    }

    /**
     * The alert's text in {@code text}'s language, rendered from its fields; the stored English
     * summary for a kind this version has no text for.
     */
    public String text(AlertText text) {
      try {
        return text.summary(kind, status.equals("resolved") ? AlertStatus.RESOLVED : AlertStatus.FIRING, center,
            tenant, device, evidence);
      } catch (MissingResourceException unknownKind) {
        return summary;
      }
    }
  }

  /**
   * The alerts matching {@code where} (a ClickHouse condition on the table's columns, "1" for all),
   * newest detection first, at most {@code limit}.
   */
  public static List<StoredAlert> read(ClickHouseSql sql, String where, int limit) {
    String selection = "FROM litmeter.alerts FINAL WHERE " + where + " ORDER BY detected_at DESC, alert_id LIMIT "
        + Math.max(1, limit);
    Map<String, Map<String, String>> evidence = new LinkedHashMap<>();
    for (ClickHouseSql.Row r : sql.rows("SELECT alert_id, key, value FROM litmeter.alerts FINAL ARRAY JOIN"
        + " evidence_keys AS key, evidence_values AS value WHERE alert_id IN (SELECT alert_id " + selection + ")")) {
      evidence.computeIfAbsent(r.get("alert_id"), id -> new LinkedHashMap<>()).put(r.get("key"), r.get("value"));
    }
    List<StoredAlert> alerts = new ArrayList<>();
    for (ClickHouseSql.Row r : sql.rows("SELECT alert_id, toUInt32(detected_at) AS detected, toString(severity) AS sev,"
        + " score, toString(status) AS state, kind, center, tenant, device_uuid, toUInt32(started_at) AS started,"
        + " toUInt32(resolved_at) AS resolved, summary " + selection)) {
      String score = r.get("score");
      alerts.add(new StoredAlert(r.get("alert_id"), r.getLong("detected"), r.get("sev"),
          score == null ? null : Double.valueOf(score), r.get("state"), r.get("kind"), r.get("center"),
          r.get("tenant"), r.get("device_uuid"), r.getLong("started"),
          r.get("resolved") == null ? null : r.getLong("resolved"), r.get("summary"),
          evidence.getOrDefault(r.get("alert_id"), Map.of())));
    }
    return alerts;
  }
}

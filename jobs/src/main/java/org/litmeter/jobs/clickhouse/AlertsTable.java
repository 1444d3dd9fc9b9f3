package org.litmeter.jobs.clickhouse;

import java.util.List;
import org.litmeter.detect.AlertText;
import org.litmeter.schema.Alert;
import org.litmeter.schema.AlertStatus;

/** Alerts into {@code litmeter.alerts}; the newest status of an alert replaces the older one. */
public final class AlertsTable implements ClickHouseTable<Alert> {

  private static final long serialVersionUID = 1L;
  private static final AlertText CHINESE = AlertText.in(AlertText.Language.ZH_CN);

  @Override
  public String table() {
    return "litmeter.alerts";
  }

  @Override
  public List<String> columns() {
    return List.of("alert_id", "kind", "severity", "score", "status", "center", "tenant", "device_uuid", "started_at",
        "detected_at", "resolved_at", "updated_at", "summary", "summary_zh", "evidence_keys", "evidence_values");
  }

  @Override
  public void encode(Alert a, RowBinaryWriter out) {
    out.writeString(a.getAlertId());
    out.writeString(a.getKind());
    out.writeInt8(switch (a.getSeverity()) {
      case INFO -> 1;
      case WARNING -> 2;
      case CRITICAL -> 3;
      default -> 0;
    });
    out.writeNullableFloat64(a.getScore());
    out.writeInt8(a.getStatus() == AlertStatus.FIRING ? 1 : a.getStatus() == AlertStatus.RESOLVED ? 2 : 0);
    out.writeString(a.getCenter());
    out.writeNullableString(a.getTenant());
    out.writeNullableString(a.getDeviceUuid());
    out.writeDateTime(a.getStartedAt().toEpochMilli());
    out.writeDateTime(a.getDetectedAt().toEpochMilli());
    Long resolvedAt = a.getResolvedAt() == null ? null : a.getResolvedAt().toEpochMilli();
    out.writeNullableDateTime(resolvedAt);
    // the version ReplacingMergeTree keeps: a resolution is newer than its firing row
    out.writeDateTime(resolvedAt != null ? resolvedAt : a.getDetectedAt().toEpochMilli());
    out.writeString(a.getSummary());
    out.writeString(CHINESE.summary(a));
    out.writeStringArray(a.getEvidence().keySet());
    out.writeStringArray(a.getEvidence().values());
    out.endRow();
  }
}

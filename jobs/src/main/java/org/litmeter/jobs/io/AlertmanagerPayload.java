package org.litmeter.jobs.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.litmeter.schema.Alert;
import org.litmeter.schema.AlertStatus;

/**
 * Alerts in the payload Prometheus Alertmanager sends to webhook receivers (version 4), so that
 * anything that takes Alertmanager's webhooks takes litmeter's. The alert id is the fingerprint
 * and a label: a receiver that sees the same alert twice (after a restart) can tell.
 */
public final class AlertmanagerPayload {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NEVER = "0001-01-01T00:00:00Z";

  private AlertmanagerPayload() {}

  public static String of(List<Alert> alerts) {
    ObjectNode root = JSON.createObjectNode();
    boolean anyFiring = alerts.stream().anyMatch(a -> a.getStatus() == AlertStatus.FIRING);
    root.put("version", "4");
    root.put("groupKey", "litmeter");
    root.put("truncatedAlerts", 0);
    root.put("status", anyFiring ? "firing" : "resolved");
    root.put("receiver", "litmeter");
    root.putObject("groupLabels");
    root.putObject("commonLabels");
    root.putObject("commonAnnotations");
    root.put("externalURL", "");
    ArrayNode list = root.putArray("alerts");
    for (Alert a : alerts) {
      ObjectNode alert = list.addObject();
      boolean firing = a.getStatus() == AlertStatus.FIRING;
      alert.put("status", firing ? "firing" : "resolved");
      ObjectNode labels = alert.putObject("labels");
      labels.put("alertname", a.getKind());
      labels.put("alert_id", a.getAlertId());
      labels.put("center", a.getCenter());
      labels.put("severity", a.getSeverity().name().toLowerCase(Locale.ROOT));
      if (a.getTenant() != null) {
        labels.put("tenant", a.getTenant());
      }
      if (a.getDeviceUuid() != null) {
        labels.put("device_uuid", a.getDeviceUuid());
      }
      ObjectNode annotations = alert.putObject("annotations");
      annotations.put("summary", a.getSummary());
      a.getEvidence().forEach((k, v) -> annotations.put(k, v));
      alert.put("startsAt", a.getStartedAt().toString());
      alert.put("endsAt", firing || a.getResolvedAt() == null ? NEVER : a.getResolvedAt().toString());
      alert.put("generatorURL", "");
      alert.put("fingerprint", a.getAlertId());
    }
    return root.toString();
  }
}

package org.litmeter.jobs.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.litmeter.detect.AlertText;
import org.litmeter.schema.Alert;
import org.litmeter.schema.CenterRegistration;
import org.litmeter.schema.Region;

/**
 * litmeter's alerts in Alertmanager's terms. Labels identify an alert: Alertmanager deduplicates,
 * groups and routes by them, so they are fixed when an alert is first sent and never change while
 * it fires. Annotations carry what a person reads: the summary, the evidence, the score and a link.
 */
final class AlertmanagerAlerts {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Alertmanager's webhook payload marks a firing alert's end as "never" with Go's zero time. */
  private static final String NEVER = "0001-01-01T00:00:00Z";

  private AlertmanagerAlerts() {}

  /**
   * The labels of an alert: {@code alertname} (the detector), {@code alert_id}, {@code service},
   * {@code severity}, {@code center}, and when known {@code province}, {@code region},
   * {@code tenant}, {@code device}. {@code center} is null when the registry does not know it yet.
   */
  static String labels(Alert alert, CenterRegistration center) {
    ObjectNode labels = JSON.createObjectNode();
    labels.put("alertname", alert.getKind());
    labels.put("alert_id", alert.getAlertId());
    labels.put("service", "litmeter");
    labels.put("severity", alert.getSeverity().name().toLowerCase(Locale.ROOT));
    labels.put("center", alert.getCenter());
    if (center != null) {
      labels.put("province", center.getProvince());
      if (center.getRegion() != Region.UNKNOWN) {
        labels.put("region", center.getRegion().name().toLowerCase(Locale.ROOT));
      }
    }
    if (alert.getTenant() != null) {
      labels.put("tenant", alert.getTenant());
    }
    if (alert.getDeviceUuid() != null) {
      labels.put("device", alert.getDeviceUuid());
    }
    return labels.toString();
  }

  /**
   * The alert object for {@code POST /api/v2/alerts}, sent at {@code now}. Alertmanager refuses an
   * alert that starts in the future or ends before it starts, and replayed telemetry can carry any
   * event time: the start is at most now, and a resolution ends between the start and now. A firing
   * alert ends {@code lease} from now unless it is sent again.
   */
  private static final AlertText CHINESE = AlertText.in(AlertText.Language.ZH_CN);

  static String alertObject(String labels, Alert alert, boolean firing, long now, Duration lease, URI grafana) {
    long startsAt = Math.min(alert.getStartedAt().toEpochMilli(), now);
    long endsAt = firing ? now + lease.toMillis()
        : Math.max(startsAt, Math.min(now, alert.getResolvedAt() == null ? now : alert.getResolvedAt().toEpochMilli()));
    ObjectNode object = JSON.createObjectNode();
    object.set("labels", parse(labels));
    ObjectNode annotations = object.putObject("annotations");
    annotations.put("summary", alert.getSummary());
    annotations.put("summary_zh", CHINESE.summary(alert));
    annotations.put("kind_zh", CHINESE.kindName(alert.getKind()));
    annotations.put("description", describe(alert.getEvidence()));
    if (alert.getScore() != null) {
      annotations.put("score", String.format(Locale.ROOT, "%.2f", alert.getScore()));
    }
    annotations.put("started_at", alert.getStartedAt().toString());
    annotations.put("detected_at", alert.getDetectedAt().toString());
    if (alert.getResolvedAt() != null) {
      annotations.put("resolved_at", alert.getResolvedAt().toString());
    }
    String link = grafana == null ? "" : centerDashboard(grafana, alert.getCenter());
    if (!link.isEmpty()) {
      annotations.put("dashboard", link);
    }
    object.put("startsAt", Instant.ofEpochMilli(startsAt).toString());
    object.put("endsAt", Instant.ofEpochMilli(endsAt).toString());
    object.put("generatorURL", link);
    return object.toString();
  }

  /** The body of {@code POST /api/v2/alerts}: the alert objects as an array. */
  static String apiPayload(List<AlertNotice> notices) {
    return notices.stream().map(n -> n.json).collect(Collectors.joining(",", "[", "]"));
  }

  /**
   * The payload Alertmanager itself posts to webhook receivers (version 4), for receivers written
   * against it. The alert id is the fingerprint: a receiver that sees an alert twice can tell.
   */
  static String webhookPayload(List<AlertNotice> notices) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "4");
    root.put("groupKey", "litmeter");
    root.put("truncatedAlerts", 0);
    root.put("status", notices.stream().anyMatch(n -> n.firing) ? "firing" : "resolved");
    root.put("receiver", "litmeter");
    root.putObject("groupLabels");
    root.putObject("commonLabels");
    root.putObject("commonAnnotations");
    root.put("externalURL", "");
    ArrayNode alerts = root.putArray("alerts");
    for (AlertNotice notice : notices) {
      ObjectNode alert = (ObjectNode) parse(notice.json);
      alert.put("status", notice.firing ? "firing" : "resolved");
      if (notice.firing) {
        alert.put("endsAt", NEVER);
      }
      alert.put("fingerprint", notice.alertId);
      alerts.add(alert);
    }
    return root.toString();
  }

  private static String describe(Map<String, String> evidence) {
    return evidence.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n"));
  }

  private static String centerDashboard(URI grafana, String center) {
    String base = grafana.toString().replaceAll("/+$", "");
    return base + "/d/litmeter-center?var-center=" + URLEncoder.encode(center, StandardCharsets.UTF_8);
  }

  private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not JSON written by this class: " + json, e);
    }
  }
}

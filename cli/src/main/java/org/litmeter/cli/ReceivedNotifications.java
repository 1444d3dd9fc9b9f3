package org.litmeter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.litmeter.cli.report.ReportText;
import org.litmeter.detect.AlertText.Language;
import org.litmeter.infra.local.WebhookReceiver;

/** What Alertmanager's webhook receivers were sent, as lines and table rows a person reads. */
final class ReceivedNotifications {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ReceivedNotifications() {}

  /** The header of {@link #rows}' table. */
  static List<String> header(Language language) {
    return CliText.in(language).header("notifications");
  }

  /**
   * One row per alert of a notification: receiver, status, alert name, center, summary; in
   * Chinese the job's Chinese annotations where the alert has them (the pipeline's own alerts from
   * Prometheus do not).
   */
  static List<List<String>> rows(WebhookReceiver.Delivery delivery, Language language) {
    boolean chinese = language == Language.ZH_CN;
    List<List<String>> rows = new ArrayList<>();
    try {
      JsonNode notification = JSON.readTree(delivery.body());
      String receiver = notification.path("receiver").asText();
      for (JsonNode alert : notification.path("alerts")) {
        JsonNode labels = alert.path("labels");
        JsonNode annotations = alert.path("annotations");
        String status = alert.path("status").asText();
        String name = labels.path("alertname").asText();
        String summary = annotations.path("summary").asText();
        if (chinese) {
          status = ReportText.in(language).status(status);
          name = annotations.path("kind_zh").asText(name);
          summary = annotations.path("summary_zh").asText(summary);
        }
        rows.add(List.of(receiver, status, name, labels.path("center").asText(labels.path("target").asText()), summary));
      }
    } catch (IOException e) {
      rows.add(List.of(delivery.path(), "?", "not JSON", "", e.getMessage()));
    }
    return rows;
  }

  /** A notification as lines for a live console. */
  static List<String> lines(WebhookReceiver.Delivery delivery, Language language) {
    return rows(delivery, language).stream().map(r -> String.format("[%s] %s %s %s: %s", r.get(0), r.get(1), r.get(2), r.get(3),
        r.get(4))).toList();
  }
}

package org.litmeter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.litmeter.infra.local.WebhookReceiver;

/** What Alertmanager's webhook receivers were sent, as lines and table rows a person reads. */
final class ReceivedNotifications {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ReceivedNotifications() {}

  /** One row per alert of a notification: receiver, status, alert name, center, summary. */
  static List<List<String>> rows(WebhookReceiver.Delivery delivery) {
    List<List<String>> rows = new ArrayList<>();
    try {
      JsonNode notification = JSON.readTree(delivery.body());
      String receiver = notification.path("receiver").asText();
      for (JsonNode alert : notification.path("alerts")) {
        JsonNode labels = alert.path("labels");
        rows.add(List.of(receiver, alert.path("status").asText(), labels.path("alertname").asText(),
            labels.path("center").asText(labels.path("target").asText()),
            alert.path("annotations").path("summary").asText()));
      }
    } catch (IOException e) {
      rows.add(List.of(delivery.path(), "?", "not JSON", "", e.getMessage()));
    }
    return rows;
  }

  /** A notification as lines for a live console. */
  static List<String> lines(WebhookReceiver.Delivery delivery) {
    return rows(delivery).stream().map(r -> String.format("[%s] %s %s %s: %s", r.get(0), r.get(1), r.get(2), r.get(3),
        r.get(4))).toList();
  }
}

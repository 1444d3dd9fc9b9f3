package org.litmeter.infra.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.litmeter.infra.monitoring.MonitoringFiles;

/**
 * Alertmanager with litmeter's routing, its receivers on a {@link WebhookReceiver} in this JVM, and
 * Prometheus with litmeter's rules scraping the given targets: what an on-call engineer runs,
 * on this machine. Notifications are grouped for a second (not 30) so that a demo shows them.
 */
public final class LocalMonitoring implements AutoCloseable {

  private final WebhookReceiver receiver;
  private final LocalAlertmanager alertmanager;
  private final LocalPrometheus prometheus;

  private LocalMonitoring(WebhookReceiver receiver, LocalAlertmanager alertmanager, LocalPrometheus prometheus) {
    this.receiver = receiver;
    this.alertmanager = alertmanager;
    this.prometheus = prometheus;
  }

  /** Whether Alertmanager and Prometheus are installed or can be installed here. */
  public static boolean available() {
    return LocalAlertmanager.isInstalled() && LocalPrometheus.isInstalled();
  }

  /**
   * Starts the receiver, Alertmanager and Prometheus in {@code dir}; Prometheus scrapes the Flink
   * processes at {@code flinkTargets} and the ingests at {@code ingestTargets} (host:port).
   */
  public static LocalMonitoring start(Path dir, List<String> flinkTargets, List<String> ingestTargets,
      Consumer<WebhookReceiver.Delivery> onNotification) throws IOException {
    WebhookReceiver receiver = WebhookReceiver.start(onNotification);
    LocalAlertmanager alertmanager = null;
    try {
      alertmanager = LocalAlertmanager.start(dir.resolve("alertmanager"),
          MonitoringFiles.alertmanagerRoutingTo(receiver.url(), Duration.ofSeconds(1), Duration.ofSeconds(5)));
      LocalPrometheus prometheus = LocalPrometheus.start(dir.resolve("prometheus"),
          MonitoringFiles.localPrometheus(flinkTargets, ingestTargets, alertmanager.url(), Duration.ofSeconds(15)),
          Map.of(MonitoringFiles.RULES, MonitoringFiles.prometheusRules()));
      return new LocalMonitoring(receiver, alertmanager, prometheus);
    } catch (IOException | RuntimeException e) {
      if (alertmanager != null) {
        alertmanager.close();
      }
      receiver.close();
      throw e;
    }
  }

  public URI alertmanager() {
    return alertmanager.url();
  }

  public URI prometheus() {
    return prometheus.url();
  }

  public WebhookReceiver receiver() {
    return receiver;
  }

  @Override
  public void close() {
    prometheus.close();
    alertmanager.close();
    receiver.close();
  }
}

package org.litmeter.jobs.alerting;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where and how the job delivers its alerts to people.
 *
 * @param alertmanagers Alertmanager base URLs (an HA cluster lists every peer, as Prometheus does);
 *     alerts are posted to {@code /api/v2/alerts} of each, re-sent while firing
 * @param webhook a receiver that takes Alertmanager's webhook payload (version 4), or null; each
 *     alert is posted to it once, when it fires and when it resolves
 * @param resendEvery how often a firing alert is sent again, so that Alertmanager never times it
 *     out; it is told the alert ends after four of these (two minutes at least) unless sent again
 * @param resolvedResendFor how long a resolution keeps being sent, so that one sent into an outage
 *     still arrives
 * @param grafana base URL of Grafana for the link in each alert, or null
 * @param attempts tries per batch before it counts as undelivered
 * @param requestTimeout time for one request
 */
public record AlertDelivery(
    List<URI> alertmanagers,
    URI webhook,
    Duration resendEvery,
    Duration resolvedResendFor,
    URI grafana,
    int attempts,
    Duration requestTimeout) implements Serializable {

  public AlertDelivery {
    alertmanagers = List.copyOf(alertmanagers);
    if (resendEvery.isNegative() || resendEvery.isZero()) {
      throw new IllegalArgumentException("resendEvery must be positive: " + resendEvery);
    }
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
    }
  }

  /** No delivery: alerts go to ClickHouse and Kafka only. */
  public static AlertDelivery none() {
    return new AlertDelivery(List.of(), null, Duration.ofMinutes(1), Duration.ofHours(1), null, 3,
        Duration.ofSeconds(10));
  }

  public AlertDelivery toAlertmanagers(List<URI> urls) {
    return new AlertDelivery(urls, webhook, resendEvery, resolvedResendFor, grafana, attempts, requestTimeout);
  }

  public AlertDelivery toWebhook(URI url) {
    return new AlertDelivery(alertmanagers, url, resendEvery, resolvedResendFor, grafana, attempts, requestTimeout);
  }

  public AlertDelivery withResend(Duration every, Duration resolvedFor) {
    return new AlertDelivery(alertmanagers, webhook, every, resolvedFor, grafana, attempts, requestTimeout);
  }

  public AlertDelivery linkingTo(URI grafanaBase) {
    return new AlertDelivery(alertmanagers, webhook, resendEvery, resolvedResendFor, grafanaBase, attempts,
        requestTimeout);
  }

  public AlertDelivery withRequests(int tries, Duration timeout) {
    return new AlertDelivery(alertmanagers, webhook, resendEvery, resolvedResendFor, grafana, tries, timeout);
  }

  public boolean isEnabled() {
    return !alertmanagers.isEmpty() || webhook != null;
  }

  /**
   * The shortest lease: a TaskManager lost is noticed within the heartbeat timeout (20 s) and the
   * job restored after it; an alert that expired meanwhile would page on-call again when re-sent.
   */
  static final Duration MIN_FIRING_LEASE = Duration.ofMinutes(2);

  /** What Alertmanager is told about how long a firing alert lasts unless it is sent again. */
  Duration firingLease() {
    Duration fourResends = resendEvery.multipliedBy(4);
    return fourResends.compareTo(MIN_FIRING_LEASE) < 0 ? MIN_FIRING_LEASE : fourResends;
  }
}

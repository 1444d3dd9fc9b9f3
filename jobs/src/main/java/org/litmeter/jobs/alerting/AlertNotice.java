package org.litmeter.jobs.alerting;

/**
 * One sending of an alert: the alert object as Alertmanager's API takes it ({@link #json}), with
 * what delivery needs to batch it and to set it aside when it cannot be delivered. A Flink POJO.
 */
public final class AlertNotice {

  public String alertId;
  public String center;
  public String deviceUuid;
  /** Event time the detector was sure, epoch milliseconds. */
  public long detectedAt;
  public boolean firing;
  /** A repeat of a notice already sent (Alertmanager needs them; one-shot webhooks do not). */
  public boolean repeat;
  /** The alert object of Alertmanager's {@code POST /api/v2/alerts}. */
  public String json;

  public AlertNotice() {}

  AlertNotice(String alertId, String center, String deviceUuid, long detectedAt, boolean firing, boolean repeat,
      String json) {
    this.alertId = alertId;
    this.center = center;
    this.deviceUuid = deviceUuid;
    this.detectedAt = detectedAt;
    this.firing = firing;
    this.repeat = repeat;
    this.json = json;
  }

  @Override
  public String toString() {
    return (firing ? "firing " : "resolved ") + alertId + (repeat ? " (repeat)" : "");
  }
}

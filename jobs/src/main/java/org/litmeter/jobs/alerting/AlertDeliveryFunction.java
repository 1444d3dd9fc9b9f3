package org.litmeter.jobs.alerting;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.litmeter.schema.DeadLetter;
import org.litmeter.schema.DeadLetters;
import org.litmeter.schema.RejectReason;

/**
 * Delivers notices through an {@link AlertPoster} off the task thread (Flink's async I/O), and
 * turns what could not be delivered into dead letters with the reason: the rates never wait for a
 * receiver, and an outage is on record. Notices in flight are part of the checkpoint.
 */
public final class AlertDeliveryFunction extends RichAsyncFunction<AlertNotice, DeadLetter> {

  private static final long serialVersionUID = 1L;

  private final AlertDelivery delivery;
  private transient AlertPoster poster;
  private transient Counter delivered;
  private transient Counter undeliveredNotices;

  public AlertDeliveryFunction(AlertDelivery delivery) {
    this.delivery = delivery;
  }

  /** How long a notice may be in flight before it counts as undelivered: every attempt timing out, and the back-off. */
  public static long timeoutMillis(AlertDelivery delivery) {
    return delivery.attempts() * (delivery.requestTimeout().toMillis() * 2 + 8_000L);
  }

  @Override
  public void open(OpenContext context) {
    poster = new AlertPoster(delivery, System::currentTimeMillis);
    var metrics = getRuntimeContext().getMetricGroup();
    delivered = metrics.counter("alertNoticesDelivered");
    undeliveredNotices = metrics.counter("alertNoticesUndelivered");
    metrics.gauge("alertsUndeliveredNow", () -> poster.undelivered());
  }

  @Override
  public void asyncInvoke(AlertNotice notice, ResultFuture<DeadLetter> result) {
    poster.send(notice).whenComplete((failures, error) -> {
      if (error != null) {
        undeliveredNotices.inc();
        result.complete(List.of(deadLetter(notice, "job", RejectReason.UNDELIVERED, error.getMessage(),
            System.currentTimeMillis())));
      } else if (failures.isEmpty()) {
        delivered.inc();
        result.complete(Collections.emptyList());
      } else {
        undeliveredNotices.inc();
        result.complete(failures.stream()
            .map(f -> deadLetter(notice, f.target(), f.reason(), f.detail(), f.since())).toList());
      }
    });
  }

  @Override
  public void timeout(AlertNotice notice, ResultFuture<DeadLetter> result) {
    undeliveredNotices.inc();
    result.complete(List.of(deadLetter(notice, "job", RejectReason.UNDELIVERED,
        "not delivered within " + timeoutMillis(delivery) + " ms", System.currentTimeMillis())));
  }

  @Override
  public void close() throws Exception {
    if (poster != null) {
      poster.close();
    }
  }

  /** Target, alert and the start of the failure identify the dead letter: one per alert and outage. */
  private static DeadLetter deadLetter(AlertNotice notice, String target, RejectReason reason, String detail,
      long since) {
    String origin = target + " " + notice.alertId + " @" + Instant.ofEpochMilli(since);
    return DeadLetters.of(DeadLetters.ALERT_DELIVERY, origin, reason,
        (notice.firing ? "firing" : "resolved") + " alert not delivered: " + detail,
        notice.center, notice.deviceUuid, notice.detectedAt, notice.json);
  }
}

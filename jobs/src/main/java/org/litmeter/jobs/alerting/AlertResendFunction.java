package org.litmeter.jobs.alerting;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.litmeter.jobs.functions.CenterWindowFunction;
import org.litmeter.jobs.functions.RegistryState;
import org.litmeter.schema.Alert;
import org.litmeter.schema.AlertStatus;
import org.litmeter.schema.CenterRegistration;

/**
 * Keyed by alert id: turns each alert into the notices Alertmanager needs. A firing alert is sent
 * at once and again every {@link AlertDelivery#resendEvery} while it fires (processing time, as
 * Prometheus does), so Alertmanager never times it out; a resolution is sent at once and again
 * for {@link AlertDelivery#resolvedResendFor}, so that one sent into an outage still arrives; then
 * the alert's state and timer are released. Labels are fixed at the first notice: Alertmanager
 * identifies an alert by them, and a restart that replays the alert must not make it a new one.
 * A resolution that comes less than one re-send interval after the alert was first sent waits for
 * that interval: otherwise Alertmanager, which groups what arrives within its {@code group_wait},
 * would see a finding of replayed or backlogged telemetry only as resolved and tell nobody.
 * With no Alertmanager to send to (a webhook only), each alert becomes one notice and nothing is kept.
 */
public final class AlertResendFunction
    extends KeyedBroadcastProcessFunction<String, Alert, CenterRegistration, AlertNotice> {

  private static final long serialVersionUID = 1L;

  private final AlertDelivery delivery;
  private transient ValueState<Alert> alert;
  private transient ValueState<String> labels;
  /** Processing time after which a resolved alert is no longer sent; absent while firing. */
  private transient ValueState<Long> sendUntil;
  private transient ValueState<Long> nextSend;
  /** Processing time of the alert's first notice. */
  private transient ValueState<Long> firstSent;
  /** A resolution held back until the next tick ({@link #firstSent} plus one interval). */
  private transient ValueState<Boolean> resolutionHeld;

  public AlertResendFunction(AlertDelivery delivery) {
    this.delivery = delivery;
  }

  @Override
  public void open(OpenContext context) {
    alert = getRuntimeContext().getState(new ValueStateDescriptor<>("alert", new AvroTypeInfo<>(Alert.class)));
    labels = getRuntimeContext().getState(new ValueStateDescriptor<>("labels", Types.STRING));
    sendUntil = getRuntimeContext().getState(new ValueStateDescriptor<>("send-until", Types.LONG));
    nextSend = getRuntimeContext().getState(new ValueStateDescriptor<>("next-send", Types.LONG));
    firstSent = getRuntimeContext().getState(new ValueStateDescriptor<>("first-sent", Types.LONG));
    resolutionHeld = getRuntimeContext().getState(new ValueStateDescriptor<>("resolution-held", Types.BOOLEAN));
  }

  @Override
  public void processBroadcastElement(CenterRegistration center, Context ctx, Collector<AlertNotice> out)
      throws Exception {
    RegistryState.keepNewest(ctx.getBroadcastState(CenterWindowFunction.REGISTRY), center);
  }

  @Override
  public void processElement(Alert incoming, ReadOnlyContext ctx, Collector<AlertNotice> out) throws Exception {
    long now = ctx.timerService().currentProcessingTime();
    String fixedLabels = labels.value();
    if (fixedLabels == null) {
      fixedLabels = AlertmanagerAlerts.labels(incoming,
          ctx.getBroadcastState(CenterWindowFunction.REGISTRY).get(incoming.getCenter()));
    }
    if (delivery.alertmanagers().isEmpty()) {
      out.collect(notice(incoming, fixedLabels, now, false));
      return;
    }
    boolean firing = incoming.getStatus() == AlertStatus.FIRING;
    Long first = firstSent.value();
    boolean hold = !firing && first != null && now < first + delivery.resendEvery().toMillis();
    if (hold) {
      resolutionHeld.update(true);
    } else {
      out.collect(notice(incoming, fixedLabels, now, false));
      resolutionHeld.clear();
    }
    if (first == null) {
      firstSent.update(now);
    }
    alert.update(incoming);
    labels.update(fixedLabels);
    if (firing) {
      sendUntil.clear();
    } else {
      sendUntil.update((hold ? first + delivery.resendEvery().toMillis() : now) + delivery.resolvedResendFor().toMillis());
    }
    if (nextSend.value() == null) {
      schedule(ctx.timerService(), now);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertNotice> out) throws Exception {
    Long until = sendUntil.value();
    if (until != null && timestamp >= until) {
      alert.clear();
      labels.clear();
      sendUntil.clear();
      nextSend.clear();
      firstSent.clear();
      resolutionHeld.clear();
      return;
    }
    boolean held = Boolean.TRUE.equals(resolutionHeld.value());
    out.collect(notice(alert.value(), labels.value(), timestamp, !held));
    resolutionHeld.clear();
    schedule(ctx.timerService(), timestamp);
  }

  private void schedule(org.apache.flink.streaming.api.TimerService timers, long now) throws Exception {
    long at = now + delivery.resendEvery().toMillis();
    timers.registerProcessingTimeTimer(at);
    nextSend.update(at);
  }

  private AlertNotice notice(Alert a, String fixedLabels, long now, boolean repeat) {
    boolean firing = a.getStatus() == AlertStatus.FIRING;
    return new AlertNotice(a.getAlertId(), a.getCenter(), a.getDeviceUuid(), a.getDetectedAt().toEpochMilli(),
        firing, repeat, AlertmanagerAlerts.alertObject(fixedLabels, a, firing, now, delivery.firingLease(),
            delivery.grafana()));
  }
}

package org.litmeter.jobs.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.litmeter.detect.AlertFactory;
import org.litmeter.jobs.functions.CenterWindowFunction;
import org.litmeter.schema.Alert;
import org.litmeter.schema.AlertStatus;
import org.litmeter.schema.CenterRegistration;
import org.litmeter.schema.Region;
import org.litmeter.schema.Severity;

/** Notices per alert: labels fixed at the first, re-sent while firing, state released after the resolution. */
class AlertResendFunctionTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Event time of the findings: an afternoon in June 2026. */
  private static final long STARTED = Instant.parse("2026-06-01T06:00:00Z").toEpochMilli();
  private static final long DETECTED = STARTED + 3_600_000;
  /** Processing time of the test: later than the findings, as for live telemetry. */
  private static final long NOW = Instant.parse("2026-06-01T08:00:00Z").toEpochMilli();
  private static final long MINUTE = 60_000;
  private static final AlertDelivery TO_ALERTMANAGER = AlertDelivery.none()
      .toAlertmanagers(List.of(URI.create("http://am:9093")))
      .withResend(Duration.ofMinutes(1), Duration.ofMinutes(10))
      .linkingTo(URI.create("https://grafana.example.cn/"));

  private KeyedBroadcastOperatorTestHarness<String, Alert, CenterRegistration, AlertNotice> harness;

  private void open(AlertDelivery delivery) throws Exception {
    harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new AlertResendFunction(delivery),
        Alert::getAlertId, Types.STRING, CenterWindowFunction.REGISTRY);
    harness.setProcessingTime(NOW);
    harness.processBroadcastElement(center("Guizhou", STARTED), STARTED);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static CenterRegistration center(String province, long updatedAt) {
    return CenterRegistration.newBuilder().setCenterId("gz01").setName("贵安一号").setProvince(province)
        .setRegion(Region.WEST).setPlannedAccelerators(256).setUpdatedAt(Instant.ofEpochMilli(updatedAt)).build();
  }

  private static Alert firing(long startedAt) {
    return AlertFactory.alert("acceptance_aligned_tenant", Severity.CRITICAL, AlertStatus.FIRING, "gz01",
        "vendor-x", null, startedAt, DETECTED, 0.97,
        Map.of("first_day", "2026-01-02", "last_day", "2026-06-28", "days_present_in_period", "178",
            "acceptance_days", "181", "share_of_acceptance_occupancy", "0.400", "days_absent_since", "3"));
  }

  private static JsonNode json(AlertNotice notice) throws Exception {
    return JSON.readTree(notice.json);
  }

  @Test
  void aFiringAlertIsSentAtOnceAndEveryMinuteWithLabelsFixedAtTheFirstNotice() throws Exception {
    open(TO_ALERTMANAGER);
    harness.processElement(firing(STARTED), DETECTED);
    harness.processBroadcastElement(center("Guangdong", STARTED + 1), STARTED + 1);
    harness.setProcessingTime(NOW + MINUTE);
    harness.setProcessingTime(NOW + 2 * MINUTE);

    List<AlertNotice> notices = harness.extractOutputValues();
    assertThat(notices).extracting(n -> n.repeat).containsExactly(false, true, true);
    JsonNode first = json(notices.get(0));
    assertThat(JSON.convertValue(first.get("labels"), Map.class)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "alertname", "acceptance_aligned_tenant", "alert_id", notices.get(0).alertId, "service", "litmeter",
        "severity", "critical", "center", "gz01", "province", "Guizhou", "region", "west", "tenant", "vendor-x"));
    assertThat(json(notices.get(2)).get("labels")).as("a registry change does not make it a new alert")
        .isEqualTo(first.get("labels"));
    assertThat(first.get("startsAt").asText()).isEqualTo("2026-06-01T06:00:00Z");
    assertThat(first.get("endsAt").asText()).as("four re-sends from now").isEqualTo("2026-06-01T08:04:00Z");
    assertThat(json(notices.get(2)).get("endsAt").asText()).isEqualTo("2026-06-01T08:06:00Z");
    assertThat(first.get("annotations").get("summary").asText()).isEqualTo("tenant vendor-x used the center only"
        + " during its acceptance period (2026-01-02 to 2026-06-28, 178 of 181 days, 40% of the period's occupancy)"
        + " and has been gone for 3 days");
    assertThat(first.get("annotations").get("summary_zh").asText()).isEqualTo("租户vendor-x只在验收期内使用该中心"
        + "（2026年1月2日至2026年6月28日，验收期181天中出现178天，占验收期占用量的40%），至今已离开3天");
    assertThat(first.get("annotations").get("kind_zh").asText()).isEqualTo("随验收期进退的租户");
    assertThat(first.get("annotations").get("description").asText()).isEqualTo("acceptance_days: 181\n"
        + "days_absent_since: 3\ndays_present_in_period: 178\nfirst_day: 2026-01-02\nlast_day: 2026-06-28\n"
        + "share_of_acceptance_occupancy: 0.400");
    assertThat(first.get("annotations").get("score").asText()).isEqualTo("0.97");
    assertThat(first.get("generatorURL").asText())
        .isEqualTo("https://grafana.example.cn/d/litmeter-center?var-center=gz01");
    assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
  }

  @Test
  void aResolutionIsSentForItsRetentionThenTheAlertIsForgotten() throws Exception {
    open(TO_ALERTMANAGER);
    Alert firing = firing(STARTED);
    harness.processElement(firing, DETECTED);
    harness.setProcessingTime(NOW + 30_000);
    harness.processElement(AlertFactory.resolved(firing, DETECTED + 600_000, "ended", Map.of()), DETECTED);
    for (int m = 1; m <= 12; m++) {
      harness.setProcessingTime(NOW + m * MINUTE);
    }

    List<AlertNotice> notices = harness.extractOutputValues();
    assertThat(notices.get(0).firing).isTrue();
    List<AlertNotice> resolutions = notices.subList(1, notices.size());
    assertThat(resolutions).allMatch(n -> !n.firing);
    assertThat(resolutions).as("held to the first tick after the firing notice, then every minute for ten minutes")
        .hasSize(10);
    assertThat(resolutions.get(0).repeat).as("the resolution's first sending, which a webhook gets too").isFalse();
    assertThat(resolutions.subList(1, 10)).allMatch(n -> n.repeat);
    assertThat(json(resolutions.get(0)).get("endsAt").asText()).isEqualTo("2026-06-01T07:10:00Z");
    assertThat(harness.numProcessingTimeTimers()).isZero();
    assertThat(((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend())
        .numKeyValueStateEntries()).isZero();
  }

  @Test
  void aFindingThatResolvesAtOnceIsFirstSeenFiring() throws Exception {
    open(TO_ALERTMANAGER);
    Alert firing = firing(STARTED);
    harness.processElement(firing, DETECTED);
    harness.processElement(AlertFactory.resolved(firing, DETECTED + 600_000, "ended", Map.of()), DETECTED);
    assertThat(harness.extractOutputValues()).as("the resolution waits; Alertmanager groups for a while")
        .extracting(n -> n.firing).containsExactly(true);
    harness.setProcessingTime(NOW + MINUTE);
    assertThat(harness.extractOutputValues()).extracting(n -> n.firing, n -> n.repeat)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(true, false),
            org.assertj.core.groups.Tuple.tuple(false, false));
  }

  @Test
  void replayedFindingsFromTheFutureStartNoLaterThanNow() throws Exception {
    open(TO_ALERTMANAGER);
    long future = NOW + 30 * 86_400_000L;
    Alert firing = AlertFactory.alert("hollow_load", Severity.WARNING, AlertStatus.FIRING, "gz01", null, "GPU-a",
        future, future + 3_600_000, 0.8, Map.of());
    harness.processElement(firing, future);
    harness.processElement(AlertFactory.resolved(firing, future + 7_200_000, "ended", Map.of()), future);
    harness.setProcessingTime(NOW + MINUTE);

    List<AlertNotice> notices = harness.extractOutputValues();
    assertThat(json(notices.get(0)).get("startsAt").asText()).isEqualTo("2026-06-01T08:00:00Z");
    assertThat(json(notices.get(0)).get("labels").get("device").asText()).isEqualTo("GPU-a");
    assertThat(json(notices.get(1)).get("endsAt").asText()).as("resolved when sent, not in a month")
        .isEqualTo("2026-06-01T08:01:00Z");
  }

  @Test
  void aWebhookAloneGetsEachAlertOnceAndNothingIsKept() throws Exception {
    open(AlertDelivery.none().toWebhook(URI.create("http://hook")));
    Alert firing = firing(STARTED);
    harness.processElement(firing, DETECTED);
    harness.processElement(AlertFactory.resolved(firing, DETECTED + 600_000, "ended", Map.of()), DETECTED);
    harness.setProcessingTime(NOW + 10 * MINUTE);

    assertThat(harness.extractOutputValues()).extracting(n -> n.firing).containsExactly(true, false);
    assertThat(harness.numProcessingTimeTimers()).isZero();
  }
}

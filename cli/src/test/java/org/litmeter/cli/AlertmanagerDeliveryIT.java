package org.litmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.infra.flink.FlinkRestClient;
import org.litmeter.infra.local.FreePorts;
import org.litmeter.infra.local.LocalAlertmanager;
import org.litmeter.infra.local.LocalFlinkCluster;
import org.litmeter.infra.local.LocalStack;
import org.litmeter.infra.local.WebhookReceiver;
import org.litmeter.infra.monitoring.MonitoringFiles;
import org.litmeter.ingest.kafka.Emission;
import org.litmeter.ingest.kafka.RecordProducer;
import org.litmeter.simulation.scenarios.ScenarioSuite;
import org.litmeter.schema.AvroCodec;
import org.litmeter.schema.DeviceInventoryEvent;
import org.litmeter.schema.GpuSample;
import org.litmeter.schema.LeaseEvent;
import org.litmeter.schema.Topics;

/**
 * The packaged job on a real multi-process Flink cluster posts its findings to a real Alertmanager
 * (Debian's package) routed by the shipped configuration to a webhook receiver, as an on-call
 * engineer would run it: an acceptance cliff reaches the operators and the regulators with its
 * labels; a TaskManager killed with SIGKILL does not make a second notification; with Alertmanager
 * stopped the job keeps running, undelivered alerts are dead letters, and what happened meanwhile
 * (a resolution) arrives when it is back; a wrong URL leaves dead letters and a log line, and the
 * job finishes normally. Timings are shortened (re-send every 10 s, so Alertmanager times an alert
 * out after 40 s; an outage of about 40 s); docs/alerting.md gives a run with a 10-minute outage.
 */
class AlertmanagerDeliveryIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern JOB_ID = Pattern.compile("submitted job ([0-9a-f]{32})");
  private static final Duration RESEND = Duration.ofSeconds(10);
  /** How long Alertmanager stays down after the first dead letter (-Dlitmeter.it.alertmanager-outage=PT10M). */
  private static final Duration OUTAGE = Duration.parse(System.getProperty("litmeter.it.alertmanager-outage", "PT30S"));
  /** Hollow load starts at 10:00 on the short-horizon scenarios' first day; by 14:00 it has fired, not resolved. */
  private static final long SPLIT = ScenarioSuite.SHORT_FROM + 14 * 3_600_000L;

  @TempDir
  Path dir;

  @Test
  void findingsReachOnCallThroughAlertmanagerAcrossAKilledTaskManagerAndAnOutage() throws Exception {
    List<Emission> before = new ArrayList<>();
    List<Emission> after = new ArrayList<>();
    new ScenarioSuite(31).only(Set.of("cliff", "hollow")).run(e -> (eventTime(e) < SPLIT ? before : after).add(e));

    try (WebhookReceiver receiver = WebhookReceiver.start();
        LocalStack stack = LocalStack.start(dir, true, 2);
        LocalAlertmanager alertmanager = LocalAlertmanager.start(dir.resolve("alertmanager"),
            MonitoringFiles.alertmanagerRoutingTo(receiver.url(), Duration.ofSeconds(1), Duration.ofSeconds(1)));
        LocalFlinkCluster cluster = LocalFlinkCluster.start(dir.resolve("flink"), 2, 1);
        ClickHouseSql sql = new ClickHouseSql(stack.clickhouse().endpoint())) {
      produce(stack, before);
      FlinkRestClient rest = cluster.rest();
      String job = submit(cluster, stack, "alerting-it", "--alertmanager", alertmanager.url().toString(),
          "--grafana-url", "https://grafana.example.cn", "--alert-resend-every", RESEND.toString());
      rest.awaitState(job, Duration.ofMinutes(2), "RUNNING");

      // the cliff reaches the operators of the center and the province's regulators, with its labels
      JsonNode cliff = awaitAlert(receiver, "/litmeter/operators", "acceptance_cliff", "firing");
      JsonNode labels = cliff.get("labels");
      assertThat(labels.get("service").asText()).isEqualTo("litmeter");
      assertThat(labels.get("severity").asText()).isEqualTo("critical");
      assertThat(labels.get("center").asText()).isEqualTo("sc-cliff");
      assertThat(labels.get("province").asText()).isEqualTo("Scenario");
      assertThat(labels.get("region").asText()).isEqualTo("west");
      String cliffId = labels.get("alert_id").asText();
      assertThat(cliff.get("annotations").get("summary").asText()).isNotBlank();
      assertThat(cliff.get("annotations").get("summary_zh").asText()).as("on-call reads it in Chinese")
          .startsWith("验收期结束").contains("设备由");
      assertThat(cliff.get("annotations").get("kind_zh").asText()).isEqualTo("验收期后负载骤降");
      assertThat(cliff.get("annotations").get("description").asText()).contains("score_basis");
      assertThat(cliff.get("generatorURL").asText())
          .isEqualTo("https://grafana.example.cn/d/litmeter-center?var-center=sc-cliff");
      JsonNode regulators = awaitNotification(receiver, "/litmeter/regulators", "acceptance_cliff", "firing");
      assertThat(regulators.get("groupLabels").get("province").asText()).isEqualTo("Scenario");
      String hollowId = awaitAlert(receiver, "/litmeter/operators", "hollow_load", "firing")
          .get("labels").get("alert_id").asText();

      // a TaskManager killed (one slot each: the job runs on both): the job restarts from its checkpoint,
      // re-sends, and nobody is paged twice
      long notifiedBefore = notificationsOf(receiver, cliffId);
      cluster.killTaskManager(1);
      Thread.sleep(3_000);
      cluster.startTaskManager(1);
      FreePorts.await("the job running again after the TaskManager loss", Duration.ofMinutes(2), () -> {
        try {
          return rest.exceptions(job).matches("(?is).*(taskmanager|heartbeat|connection|lost).*")
              && "RUNNING".equals(rest.jobState(job));
        } catch (IOException e) {
          return false;
        }
      });
      Thread.sleep(RESEND.multipliedBy(3).toMillis());
      assertThat(notificationsOf(receiver, cliffId)).as("Alertmanager deduplicated the re-sent cliff by its labels")
          .isEqualTo(notifiedBefore);
      assertThat(alertmanager.alerts()).as("and still holds it as firing").contains(cliffId);

      // Alertmanager down: the job keeps running and records what it cannot deliver; back up, it all arrives
      String failuresBefore = rest.exceptions(job);
      alertmanager.stop();
      produce(stack, after);
      FreePorts.await("dead letters of undelivered alerts", Duration.ofMinutes(2),
          () -> undelivered(sql, "reason = 'UNDELIVERED'") > 0);
      Thread.sleep(OUTAGE.toMillis());
      assertThat(rest.jobState(job)).isEqualTo("RUNNING");
      assertThat(rest.exceptions(job)).as("no failure during the outage").isEqualTo(failuresBefore);
      alertmanager.start();
      JsonNode resolved = awaitAlert(receiver, "/litmeter/operators", "hollow_load", "resolved", hollowId);
      assertThat(resolved.get("endsAt").asText()).isNotEqualTo("0001-01-01T00:00:00Z");
      assertThat(rest.jobState(job)).isEqualTo("RUNNING");
      rest.cancel(job);
      rest.awaitState(job, Duration.ofMinutes(1), "CANCELED");

      // a wrong URL: every alert is a dead letter with the reason, the log says so once, the job finishes
      String wrong = "http://127.0.0.1:" + FreePorts.pick();
      String bounded = submit(cluster, stack, "alerting-wrong-url", "--bounded", "--alertmanager", wrong);
      rest.awaitState(bounded, Duration.ofMinutes(3), "FINISHED");
      FreePorts.await("dead letters naming the wrong Alertmanager", Duration.ofMinutes(1),
          () -> undelivered(sql, "reason = 'UNDELIVERED' AND startsWith(origin, '" + wrong + "')") > 0);
      assertThat(taskManagerLogs(cluster)).contains("not delivered to " + wrong + "/api/v2/alerts");
    }
  }

  /** Dead letters of alert delivery that match {@code condition}; 0 while ClickHouse cannot say. */
  private static long undelivered(ClickHouseSql sql, String condition) {
    try {
      return sql.scalarLong("SELECT count() FROM litmeter.dead_letters FINAL WHERE stage = 'alert-delivery' AND "
          + condition);
    } catch (Exception e) {
      return 0;
    }
  }

  private String taskManagerLogs(LocalFlinkCluster cluster) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> logs = Files.list(dir.resolve("flink/logs"))) {
      for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("taskmanager")).toList()) {
        all.append(Files.readString(log));
      }
    }
    return all.toString();
  }

  /** Notifications (any receiver) that carry the alert, firing. */
  private static long notificationsOf(WebhookReceiver receiver, String alertId) {
    return notifications(receiver).filter(n -> n.get("status").asText().equals("firing"))
        .filter(n -> n.get("receiver").asText().equals("litmeter-operators"))
        .filter(n -> n.get("alerts").findValuesAsText("alert_id").contains(alertId)).count();
  }

  private static Stream<JsonNode> notifications(WebhookReceiver receiver) {
    return receiver.received().stream().map(d -> {
      try {
        return ((ObjectNode) JSON.readTree(d.body())).put("path", d.path());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).map(JsonNode.class::cast);
  }

  private static JsonNode awaitNotification(WebhookReceiver receiver, String path, String alertname, String status) {
    JsonNode[] found = new JsonNode[1];
    FreePorts.await(status + " " + alertname + " at " + path, Duration.ofMinutes(3), () -> {
      found[0] = notifications(receiver).filter(n -> n.get("path").asText().equals(path))
          .filter(n -> n.get("groupLabels").path("alertname").asText().equals(alertname))
          .filter(n -> n.get("status").asText().equals(status) || n.get("alerts").findValuesAsText("status")
              .contains(status)).findFirst().orElse(null);
      return found[0] != null;
    });
    return found[0];
  }

  private static JsonNode awaitAlert(WebhookReceiver receiver, String path, String alertname, String status) {
    return awaitAlert(receiver, path, alertname, status, null);
  }

  /** The first alert of that name and status to reach {@code path} (with that id, when given). */
  private static JsonNode awaitAlert(WebhookReceiver receiver, String path, String alertname, String status,
      String alertId) {
    JsonNode[] found = new JsonNode[1];
    FreePorts.await(status + " " + alertname + " " + (alertId == null ? "" : alertId) + " at " + path,
        Duration.ofMinutes(3), () -> {
          found[0] = notifications(receiver).filter(n -> n.get("path").asText().equals(path))
              .flatMap(n -> Stream.of(n.get("alerts")).flatMap(a -> {
                List<JsonNode> list = new ArrayList<>();
                a.forEach(list::add);
                return list.stream();
              }))
              .filter(a -> a.get("labels").get("alertname").asText().equals(alertname))
              .filter(a -> a.get("status").asText().equals(status))
              .filter(a -> alertId == null || a.get("labels").get("alert_id").asText().equals(alertId))
              .findFirst().orElse(null);
          return found[0] != null;
        });
    return found[0];
  }

  private static void produce(LocalStack stack, List<Emission> emissions) {
    try (RecordProducer producer = new RecordProducer(stack.kafka().bootstrapServers(), "alerting-it")) {
      emissions.forEach(producer::send);
    }
  }

  private static String submit(LocalFlinkCluster cluster, LocalStack stack, String groupId, String... more) {
    List<String> args = new ArrayList<>(List.of("job", "submit", "--flink", cluster.restUrl().toString(),
        "--kafka", stack.kafka().bootstrapServers(), "--clickhouse", stack.clickhouse().endpoint().url(),
        "--parallelism", "2", "--checkpoint-interval", "2s", "--group-id", groupId));
    args.addAll(List.of(more));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.exit()).as(run.output()).isZero();
    Matcher m = JOB_ID.matcher(run.output());
    assertThat(m.find()).as(run.output()).isTrue();
    return m.group(1);
  }

  private static final AvroCodec<GpuSample> SAMPLES = AvroCodec.of(GpuSample.class);
  private static final AvroCodec<LeaseEvent> LEASES = AvroCodec.of(LeaseEvent.class);
  private static final AvroCodec<DeviceInventoryEvent> INVENTORY = AvroCodec.of(DeviceInventoryEvent.class);

  private static long eventTime(Emission e) {
    try {
      if (e.topic().equals(Topics.TELEMETRY)) {
        return SAMPLES.decode(e.value()).getEventTime().toEpochMilli();
      } else if (e.topic().equals(Topics.LEASES)) {
        return LEASES.decode(e.value()).getEventTime().toEpochMilli();
      } else if (e.topic().equals(Topics.INVENTORY)) {
        return INVENTORY.decode(e.value()).getEventTime().toEpochMilli();
      }
      return Long.MIN_VALUE;
    } catch (Exception bug) {
      throw new IllegalStateException("the suite wrote a record it cannot read", bug);
    }
  }
}

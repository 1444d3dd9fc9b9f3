package org.litmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litmeter.infra.kafka.KafkaConnection;
import org.litmeter.infra.local.FreePorts;
import org.litmeter.infra.local.JavaCommand;
import org.litmeter.infra.local.LocalAlertmanager;
import org.litmeter.infra.local.LocalPrometheus;
import org.litmeter.infra.local.LocalStack;
import org.litmeter.infra.local.WebhookReceiver;
import org.litmeter.infra.monitoring.MonitoringFiles;
import org.litmeter.ingest.kafka.RecordProducer;
import org.litmeter.jobs.EmbeddedRatesJob;
import org.litmeter.jobs.RatesJobConfig;
import org.litmeter.jobs.alerting.AlertDelivery;
import org.litmeter.schema.Topics;
import org.litmeter.testkit.SharedData;

/**
 * A real Prometheus (Debian's package) scrapes the rates job (Flink's Prometheus reporter on a
 * MiniCluster) and {@code ./litmeter ingest scrape} (its own JVM) scraping an exporter that serves
 * real dcgm-exporter output; the shipped rules run on what it scrapes. The exporter stops: the
 * ingest marks it down (and a record that is not Avro is a dead letter counted by reason), {@code LitmeterExporterDown} fires and reaches the platform receiver
 * through a real Alertmanager, and every Prometheus panel of the pipeline-health dashboard answers
 * with data. The rules' {@code for} durations are shortened to seconds here;
 * promtool's tests ({@code MonitoringFilesTest}) hold them to their real durations.
 */
class PrometheusMonitoringIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void prometheusScrapesTheJobAndTheIngestAndAStoppedExporterPagesThePlatformTeam() throws Exception {
    String exposition = Files.readString(
        SharedData.require("dcgm-exporter/real-exposition-excerpts-from-issues.txt"));
    HttpServer exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    exporter.createContext("/metrics", exchange -> {
      byte[] body = exposition.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    exporter.start();
    String target = "http://127.0.0.1:" + exporter.getAddress().getPort() + "/metrics";
    int ingestMetrics = FreePorts.pick();
    int jobMetrics = FreePorts.pick();
    Process ingest = null;
    try (WebhookReceiver receiver = WebhookReceiver.start();
        LocalStack stack = LocalStack.start(dir, true, 1);
        LocalAlertmanager alertmanager = LocalAlertmanager.start(dir.resolve("alertmanager"),
            MonitoringFiles.alertmanagerRoutingTo(receiver.url(), Duration.ofSeconds(1), Duration.ofSeconds(1)))) {
      JobClient job = EmbeddedRatesJob.start(KafkaConnection.plain(stack.kafka().bootstrapServers()),
          stack.clickhouse().endpoint(),
          "prometheus-it", false,
          RatesJobConfig.defaults().withParallelism(1).withCheckpointInterval(Duration.ofSeconds(2)),
          Files.createDirectories(dir.resolve("checkpoints")), 0,
          AlertDelivery.none().toAlertmanagers(List.of(alertmanager.url())), jobMetrics);
      try (RecordProducer producer = new RecordProducer(stack.kafka().bootstrapServers(), "prometheus-it")) {
        producer.send(Topics.TELEMETRY.name(), "garbage", "not avro".getBytes(StandardCharsets.UTF_8));
      }
      ingest = new ProcessBuilder(JavaCommand.guarded(List.of("-Xmx256m"), System.getProperty("java.class.path"),
          Litmeter.class.getName(), List.of("ingest", "scrape", "--kafka", stack.kafka().bootstrapServers(),
              "--center", "gz01", "--target", target, "--interval", "1s", "--timeout", "1s",
              "--metrics-port", Integer.toString(ingestMetrics))))
          .redirectErrorStream(true).redirectOutput(dir.resolve("ingest.log").toFile()).start();
      String rules = MonitoringFiles.prometheusRules().replaceAll("for: \\d+m", "for: 3s");
      try (LocalPrometheus prometheus = LocalPrometheus.start(dir.resolve("prometheus"),
          MonitoringFiles.localPrometheus(List.of("127.0.0.1:" + jobMetrics), List.of("127.0.0.1:" + ingestMetrics),
              alertmanager.url(), Duration.ofSeconds(1)), Map.of(MonitoringFiles.RULES, rules))) {

        awaitValue(prometheus, "min(up{job=~\"litmeter-flink|litmeter-ingest\"}) * count(up)", 2);
        awaitPositive(prometheus, "sum(flink_taskmanager_job_task_operator_samples)");
        awaitPositive(prometheus, "sum(litmeter_ingest_samples_produced_total{center=\"gz01\"})");
        awaitPositive(prometheus, "litmeter:samples:rate5m");
        awaitPositive(prometheus, "sum(flink_taskmanager_job_task_operator_reason_deadLetters{reason=\"UNPARSABLE\"})");
        awaitPositive(prometheus, "litmeter:telemetry_watermark_lag_seconds:max");
        awaitPositive(prometheus, "count(flink_taskmanager_job_task_operator_clickhouseInsertMillis)");
        awaitPositive(prometheus, "count(flink_taskmanager_job_task_operator_pendingRecords)");
        awaitPositive(prometheus, "count(flink_jobmanager_job_numRestarts)");
        assertThat(firing(prometheus)).as("all well: nothing fires").doesNotContain("LitmeterExporterDown");

        exporter.stop(0);
        FreePorts.await("LitmeterExporterDown firing in Prometheus", Duration.ofMinutes(1),
            () -> firing(prometheus).contains("LitmeterExporterDown"));
        FreePorts.await("LitmeterExporterDown at the platform receiver", Duration.ofMinutes(1),
            () -> receiver.received().stream().anyMatch(d -> d.path().equals("/litmeter/platform")
                && d.body().contains("LitmeterExporterDown") && d.body().contains(target)));
        assertThat(receiver.received()).as("the pipeline's health goes to the platform team only")
            .allMatch(d -> d.path().equals("/litmeter/platform"));

        // every Prometheus panel of the pipeline-health dashboard answers, with data
        List<String> problems = new ArrayList<>();
        for (JsonNode panel : JSON.readTree(SharedData.projectRoot()
            .resolve("dashboards/grafana/dashboards/pipeline-health.json").toFile()).path("panels")) {
          String expr = panel.path("targets").path(0).path("expr").asText();
          if (!expr.isEmpty()) {
            JsonNode answer = JSON.readTree(prometheus.query(expr));
            if (!answer.path("status").asText().equals("success") || answer.path("data").path("result").isEmpty()) {
              problems.add(panel.path("title").asText() + ": " + answer);
            }
          }
        }
        assertThat(problems).isEmpty();
      } finally {
        job.cancel().get();
      }
    } finally {
      if (ingest != null) {
        ingest.destroy();
      }
      exporter.stop(0);
    }
  }

  private static String firing(LocalPrometheus prometheus) {
    try {
      return prometheus.query("ALERTS{alertstate=\"firing\"}");
    } catch (IOException e) {
      return "";
    }
  }

  private static double value(LocalPrometheus prometheus, String promql) {
    try {
      JsonNode result = JSON.readTree(prometheus.query(promql)).path("data").path("result");
      return result.isEmpty() ? Double.NaN : result.get(0).get("value").get(1).asDouble();
    } catch (IOException e) {
      return Double.NaN;
    }
  }

  private static void awaitPositive(LocalPrometheus prometheus, String promql) {
    FreePorts.await(promql + " > 0 in Prometheus", Duration.ofMinutes(1), () -> value(prometheus, promql) > 0);
  }

  private static void awaitValue(LocalPrometheus prometheus, String promql, double expected) {
    FreePorts.await(promql + " = " + expected + " in Prometheus", Duration.ofMinutes(1),
        () -> value(prometheus, promql) == expected);
  }
}

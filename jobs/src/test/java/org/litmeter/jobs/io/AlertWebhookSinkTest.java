package org.litmeter.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.litmeter.detect.AlertFactory;
import org.litmeter.schema.Alert;
import org.litmeter.schema.AlertStatus;
import org.litmeter.schema.Severity;

/** The webhook sink on Flink's runtime against a real HTTP server that fails before it accepts. */
class AlertWebhookSinkTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long T = 1_780_000_000_000L;

  private HttpServer server;
  private final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void startReceiver() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", exchange -> {
      requests.incrementAndGet();
      byte[] body = exchange.getRequestBody().readAllBytes();
      int status = failuresLeft.getAndDecrement() > 0 ? 503 : 200;
      if (status == 200) {
        accepted.add(JSON.readTree(new String(body, StandardCharsets.UTF_8)));
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopReceiver() {
    server.stop(0);
  }

  private static List<Alert> alerts() {
    Alert firing = AlertFactory.alert("hollow_load", Severity.CRITICAL, AlertStatus.FIRING, "c01", null, "GPU-a",
        T, T + 1_800_000, 0.8, "GPU-a spins", Map.of("mean_sm_active", "0.010"));
    return List.of(firing, AlertFactory.resolved(firing, T + 7_200_000, "resolved: GPU-a spins"));
  }

  private void run(List<Alert> alerts) throws Exception {
    Configuration conf = new Configuration();
    conf.setString("taskmanager.memory.managed.size", "16m");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    env.fromData(Alert.class, alerts.toArray(new Alert[0])).name("alerts")
        .sinkTo(new AlertWebhookSink(url, Duration.ofMillis(50), Duration.ofSeconds(30))).name("webhook");
    env.execute("webhook-test");
  }

  @Test
  void postsAlertmanagerPayloadsAndRetriesUntilTheReceiverAccepts() throws Exception {
    failuresLeft.set(2);
    run(alerts());

    assertThat(requests.get()).as("two refusals, then accepted").isGreaterThanOrEqualTo(3);
    List<JsonNode> posted = new ArrayList<>();
    accepted.forEach(payload -> {
      assertThat(payload.get("version").asText()).isEqualTo("4");
      payload.get("alerts").forEach(posted::add);
    });
    assertThat(posted).hasSize(2);
    JsonNode firing = posted.get(0);
    JsonNode resolved = posted.get(1);
    assertThat(firing.get("status").asText()).isEqualTo("firing");
    assertThat(firing.get("labels").get("alertname").asText()).isEqualTo("hollow_load");
    assertThat(firing.get("labels").get("device_uuid").asText()).isEqualTo("GPU-a");
    assertThat(firing.get("annotations").get("mean_sm_active").asText()).isEqualTo("0.010");
    assertThat(firing.get("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(resolved.get("status").asText()).isEqualTo("resolved");
    assertThat(resolved.get("startsAt").asText()).isEqualTo(firing.get("startsAt").asText());
    assertThat(resolved.get("endsAt").asText()).isEqualTo(java.time.Instant.ofEpochMilli(T + 7_200_000).toString());
    assertThat(resolved.get("fingerprint").asText()).isEqualTo(firing.get("fingerprint").asText());
  }

  @Test
  void aReplayPostsTheSameAlertsWithTheSameFingerprintsAndLabels() throws Exception {
    run(alerts());
    List<String> first = identities();
    accepted.clear();
    run(alerts());
    assertThat(identities()).as("what a receiver deduplicates on").isEqualTo(first);
  }

  private List<String> identities() {
    List<String> ids = new ArrayList<>();
    accepted.forEach(p -> p.get("alerts").forEach(a -> ids.add(a.get("fingerprint").asText() + " "
        + a.get("labels").toString() + " " + a.get("status").asText() + " " + a.get("startsAt").asText())));
    return ids;
  }
}

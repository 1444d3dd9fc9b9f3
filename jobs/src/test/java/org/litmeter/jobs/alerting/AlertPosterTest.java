package org.litmeter.jobs.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.litmeter.schema.RejectReason;

/** Delivery against a real HTTP server that refuses, fails and recovers. */
class AlertPosterTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpServer server;
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private AlertPoster poster;

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      paths.add(exchange.getRequestURI().getPath());
      bodies.add(JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      byte[] answer = status.get() == 400 ? "bad alert".getBytes(StandardCharsets.UTF_8) : new byte[0];
      exchange.sendResponseHeaders(status.get(), answer.length == 0 ? -1 : answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (poster != null) {
      poster.close();
    }
    server.stop(0);
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static AlertNotice notice(String id, boolean firing, boolean repeat) {
    return new AlertNotice(id, "gz01", null, 0, firing, repeat,
        "{\"labels\":{\"alertname\":\"hollow_load\",\"alert_id\":\"" + id + "\"},\"annotations\":{},"
            + "\"startsAt\":\"2026-06-01T06:00:00Z\",\"endsAt\":\"2026-06-01T06:04:00Z\",\"generatorURL\":\"\"}");
  }

  private AlertPoster poster(AlertDelivery delivery) {
    poster = new AlertPoster(delivery.withRequests(2, Duration.ofSeconds(2)), System::currentTimeMillis);
    return poster;
  }

  @Test
  void postsArraysToTheApiOfEachAlertmanagerAndOneShotPayloadsToTheWebhook() throws Exception {
    AlertPoster p = poster(AlertDelivery.none().toAlertmanagers(List.of(base())).toWebhook(base().resolve("/hook")));
    assertThat(p.send(notice("a1", true, false)).get(10, TimeUnit.SECONDS)).isEmpty();
    assertThat(p.send(notice("a1", true, true)).get(10, TimeUnit.SECONDS)).isEmpty();

    assertThat(paths).containsExactly("/api/v2/alerts", "/hook", "/api/v2/alerts");
    assertThat(bodies.get(0).isArray()).isTrue();
    assertThat(bodies.get(0).get(0).get("labels").get("alert_id").asText()).isEqualTo("a1");
    assertThat(bodies.get(1).get("version").asText()).isEqualTo("4");
    assertThat(bodies.get(1).get("alerts").get(0).get("endsAt").asText()).as("firing: no end yet")
        .isEqualTo("0001-01-01T00:00:00Z");
  }

  @Test
  void anOutageCountsOncePerAlertAndEndsWhenTheReceiverAnswersAgain() throws Exception {
    AlertPoster p = poster(AlertDelivery.none().toAlertmanagers(List.of(base())));
    status.set(503);
    List<AlertPoster.Failure> first = p.send(notice("a1", true, false)).get(10, TimeUnit.SECONDS);
    assertThat(first).singleElement().satisfies(f -> {
      assertThat(f.reason()).isEqualTo(RejectReason.UNDELIVERED);
      assertThat(f.detail()).contains("HTTP 503");
    });
    assertThat(paths).as("tried twice").hasSize(2);
    assertThat(p.send(notice("a1", true, true)).get(10, TimeUnit.SECONDS)).as("the same outage").isEmpty();
    assertThat(p.undelivered()).isEqualTo(1);

    status.set(200);
    assertThat(p.send(notice("a1", true, true)).get(10, TimeUnit.SECONDS)).isEmpty();
    assertThat(p.undelivered()).isZero();
    status.set(503);
    assertThat(p.send(notice("a1", true, true)).get(10, TimeUnit.SECONDS)).as("a new outage").hasSize(1);
  }

  @Test
  void aRefusedAlertIsNotRetriedAndSaysWhy() throws Exception {
    AlertPoster p = poster(AlertDelivery.none().toAlertmanagers(List.of(base())));
    status.set(400);
    List<AlertPoster.Failure> failures = p.send(notice("a1", true, false)).get(10, TimeUnit.SECONDS);
    assertThat(failures).singleElement().satisfies(f -> {
      assertThat(f.reason()).isEqualTo(RejectReason.REFUSED);
      assertThat(f.detail()).contains("HTTP 400", "bad alert");
    });
    assertThat(paths).hasSize(1);
  }

  @Test
  void aWebhookThatWasDownGetsWhatItMissedLater() throws Exception {
    AlertPoster p = poster(AlertDelivery.none().toWebhook(base().resolve("/hook")));
    status.set(503);
    assertThat(p.send(notice("a1", false, false)).get(10, TimeUnit.SECONDS)).hasSize(1);
    status.set(200);
    long deadline = System.currentTimeMillis() + 10_000;
    while (bodies.stream().noneMatch(b -> b.get("status").asText().equals("resolved") && paths.size() > 2)
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertThat(paths).as("two refused attempts, then the retry").hasSize(3);
    while (p.undelivered() != 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertThat(p.undelivered()).isZero();
  }

  @Test
  void credentialsInTheUrlAreNotLogged() {
    assertThat(AlertPoster.redacted(URI.create("https://user:secret@am.example.cn:9093/api/v2/alerts?token=abc")))
        .isEqualTo("https://am.example.cn:9093/api/v2/alerts");
  }
}

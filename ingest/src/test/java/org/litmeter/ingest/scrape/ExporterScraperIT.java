package org.litmeter.ingest.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.litmeter.ingest.TopicReader;
import org.litmeter.ingest.exporters.ExporterDialect;
import org.litmeter.ingest.exporters.ExpositionMapper;
import org.litmeter.ingest.exporters.TenantRule;
import org.litmeter.ingest.kafka.RecordProducer;
import org.litmeter.ingest.ship.IngestMetrics;
import org.litmeter.ingest.ship.TelemetryShipper;
import org.litmeter.schema.DeadLetter;
import org.litmeter.schema.GpuSample;
import org.litmeter.schema.RecordValidator;
import org.litmeter.schema.Topics;
import org.litmeter.testkit.KafkaBrokerExtension;

/**
 * Scraping a local HTTP server that serves exporter output, next to a target that hangs, one that
 * answers 500 and one that answers garbage, into a real Kafka broker.
 */
class ExporterScraperIT {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(2);

  static HttpServer server;
  static final CountDownLatch RELEASE_HANGING = new CountDownLatch(1);
  static final String DCGM = """
      # HELP DCGM_FI_DEV_GPU_UTIL GPU utilization (in %%).
      # TYPE DCGM_FI_DEV_GPU_UTIL gauge
      DCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-%1$s-0",modelName="NVIDIA H100 80GB HBM3",Hostname="%1$s"} 93
      DCGM_FI_DEV_GPU_UTIL{gpu="1",UUID="GPU-%1$s-1",modelName="NVIDIA H100 80GB HBM3",Hostname="%1$s"} 0
      DCGM_FI_DEV_POWER_USAGE{gpu="0",UUID="GPU-%1$s-0",modelName="NVIDIA H100 80GB HBM3",Hostname="%1$s"} 612.5
      DCGM_FI_DEV_POWER_USAGE{gpu="1",UUID="GPU-%1$s-1",modelName="NVIDIA H100 80GB HBM3",Hostname="%1$s"} 71
      DCGM_FI_DEV_GPU_UTIL{gpu="2",UUID="GPU-%1$s-2",modelName="NVIDIA H100 80GB HBM3",Hostname="%1$s"} 250
      """;

  @BeforeAll
  static void startExporters() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/good/metrics", exchange -> respond(exchange, 200, DCGM.formatted("node1")));
    server.createContext("/hangs/metrics", exchange -> {
      try {
        RELEASE_HANGING.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      respond(exchange, 200, DCGM.formatted("slow"));
    });
    server.createContext("/fails/metrics", exchange -> respond(exchange, 500, "internal error"));
    server.createContext("/garbage/metrics", exchange -> respond(exchange, 200,
        "<html><body>not metrics</body></html>\n\u0000\u0001binary"));
    server.start();
  }

  @AfterAll
  static void stopExporters() {
    RELEASE_HANGING.countDown();
    server.stop(0);
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
      throws java.io.IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static URI target(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path + "/metrics");
  }

  @Test
  void goodTargetsGoThroughAndEveryFailureIsCountedAndContained() throws Exception {
    IngestMetrics metrics = new IngestMetrics();
    long now = System.currentTimeMillis();
    ExpositionMapper mapper = new ExpositionMapper(ExporterDialect.ALL, new ExpositionMapper.Settings(
        host -> "c01", null, TenantRule.defaults(), new RecordValidator(now - 3_600_000, now + 300_000)));
    List<URI> targets = List.of(target("/good"), target("/hangs"), target("/fails"), target("/garbage"));
    try (TelemetryShipper shipper = new TelemetryShipper(new RecordProducer(KAFKA.bootstrapServers(), "scrape-it"),
        metrics); var http = metrics.serve("127.0.0.1", 0)) {
      ExporterScraper scraper = new ExporterScraper(
          new ExporterScraper.Settings(targets, Duration.ofSeconds(1), Duration.ofMillis(1500), 2), mapper, shipper);
      scraper.start();
      Thread.sleep(4_000);
      scraper.close();

      String exposition = new String(new URL("http://127.0.0.1:" + http.getPort() + "/metrics").openStream()
          .readAllBytes(), StandardCharsets.UTF_8);
      assertThat(exposition).contains("litmeter_ingest_target_up", "litmeter_ingest_scrape_duration_seconds",
          "litmeter_ingest_samples_produced_total", "litmeter_ingest_records_rejected_total",
          "litmeter_ingest_producer_errors_total");
    }
    assertThat(metrics.targetUp(target("/good").toString())).isEqualTo(1);
    assertThat(metrics.targetUp(target("/hangs").toString())).isZero();
    assertThat(metrics.targetUp(target("/fails").toString())).isZero();
    assertThat(metrics.scrapeFailures(target("/hangs").toString(), "timeout")).isPositive();
    assertThat(metrics.scrapeFailures(target("/fails").toString(), "http_status")).isGreaterThanOrEqualTo(3);
    assertThat(metrics.targetUp(target("/garbage").toString())).as("it answered; its lines are dead letters")
        .isEqualTo(1);

    double produced = metrics.produced("c01");
    assertThat(produced).as("two good devices per scrape, at least three scrapes").isGreaterThanOrEqualTo(6);
    List<GpuSample> samples = TopicReader.readAll(KAFKA.bootstrapServers(), Topics.TELEMETRY.name(), GpuSample.class,
        s -> s.size() >= produced);
    assertThat(samples).hasSize((int) produced);
    assertThat(samples).extracting(GpuSample::getDeviceUuid).containsOnly("GPU-node1-0", "GPU-node1-1");
    assertThat(samples).allSatisfy(s -> {
      assertThat(s.getCenter()).isEqualTo("c01");
      assertThat(s.getHost()).isEqualTo("node1");
      assertThat(s.getEventTime().toEpochMilli()).isBetween(now - 1000, System.currentTimeMillis());
    });

    double outOfRange = metrics.rejected("scrape", "OUT_OF_RANGE");
    double unparsable = metrics.rejected("scrape", "UNPARSABLE");
    assertThat(outOfRange).as("GPU 2 reports 250%% in every scrape").isGreaterThanOrEqualTo(3);
    assertThat(unparsable).isGreaterThanOrEqualTo(6);
    List<DeadLetter> deadLetters = TopicReader.readAll(KAFKA.bootstrapServers(), Topics.DEAD_LETTERS.name(),
        DeadLetter.class, d -> d.size() >= outOfRange + unparsable);
    assertThat(deadLetters).hasSize((int) (outOfRange + unparsable));
    assertThat(deadLetters).filteredOn(d -> d.getReason().equals("OUT_OF_RANGE")).allSatisfy(d -> {
      assertThat(d.getDeviceUuid()).isEqualTo("GPU-node1-2");
      assertThat(StandardCharsets.UTF_8.decode(d.getRaw()).toString()).contains("250");
    });
    assertThat(deadLetters).filteredOn(d -> d.getReason().equals("UNPARSABLE"))
        .allSatisfy(d -> assertThat(d.getOrigin()).startsWith(target("/garbage") + "#"));
  }
}

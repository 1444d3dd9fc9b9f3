package org.litmeter.ingest.ship;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.function.LongSupplier;

/**
 * The ingest's own Prometheus metrics: targets up or down, scrape latency, samples produced,
 * records rejected by reason, producer errors. {@link #serve} exposes them on {@code /metrics}.
 */
public final class IngestMetrics {

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Gauge targetUp = Gauge.builder().name("litmeter_ingest_target_up")
      .help("1 when the last scrape of the target succeeded, else 0").labelNames("target").register(registry);
  private final Histogram scrapeSeconds = Histogram.builder().name("litmeter_ingest_scrape_duration_seconds")
      .help("Time to fetch, parse and hand over one target's metrics").labelNames("target")
      .classicUpperBounds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30).register(registry);
  private final Counter scrapeFailures = Counter.builder().name("litmeter_ingest_scrape_failures_total")
      .help("Scrapes that failed, by target and cause (timeout, http_status, connection)")
      .labelNames("target", "cause").register(registry);
  private final Counter scrapesSkipped = Counter.builder().name("litmeter_ingest_scrapes_skipped_total")
      .help("Scrapes not started because the target's previous scrape was still running (back-pressure)")
      .labelNames("target").register(registry);
  private final Counter samplesProduced = Counter.builder().name("litmeter_ingest_samples_produced_total")
      .help("Telemetry samples handed to Kafka").labelNames("center").register(registry);
  private final Counter recordsRejected = Counter.builder().name("litmeter_ingest_records_rejected_total")
      .help("Input set aside as dead letters, by stage and reason").labelNames("stage", "reason").register(registry);

  /** Counts what a producer could not deliver, read from the producer itself. */
  void watchProducer(LongSupplier failed) {
    CounterWithCallback.builder().name("litmeter_ingest_producer_errors_total")
        .help("Records Kafka did not acknowledge after all retries")
        .callback(callback -> callback.call(failed.getAsLong())).register(registry);
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  /** Serves {@code /metrics} on an address and port (0 picks a free one). */
  public HTTPServer serve(String address, int port) throws IOException {
    return HTTPServer.builder().hostname(address).port(port).registry(registry).buildAndStart();
  }

  public void up(String target, boolean up) {
    targetUp.labelValues(target).set(up ? 1 : 0);
  }

  public void scrapeFailed(String target, String cause) {
    scrapeFailures.labelValues(target, cause).inc();
  }

  public void scrapesSkipped(String target) {
    scrapesSkipped.labelValues(target).inc();
  }

  public void scrapeSeconds(String target, double seconds) {
    scrapeSeconds.labelValues(target).observe(seconds);
  }

  public double rejected(String stage, String reason) {
    return recordsRejected.labelValues(stage, reason).get();
  }

  public double produced(String center) {
    return samplesProduced.labelValues(center).get();
  }

  public double targetUp(String target) {
    return targetUp.labelValues(target).get();
  }

  public double scrapeFailures(String target, String cause) {
    return scrapeFailures.labelValues(target, cause).get();
  }

  void countProduced(String center) {
    samplesProduced.labelValues(center).inc();
  }

  void countRejected(String stage, String reason) {
    recordsRejected.labelValues(stage, reason).inc();
  }
}

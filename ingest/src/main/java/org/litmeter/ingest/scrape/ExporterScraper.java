package org.litmeter.ingest.scrape;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.litmeter.ingest.exporters.ExpositionMapper;
import org.litmeter.ingest.exposition.ExpositionParser;
import org.litmeter.ingest.ship.IngestMetrics;
import org.litmeter.ingest.ship.TelemetryShipper;
import org.litmeter.schema.DeadLetters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls exporter endpoints ({@code /metrics} of dcgm-exporter, npu-exporter) every interval, with at
 * most {@code concurrency} scrapes at once and a timeout on each, and ships what they expose to
 * Kafka. A target whose previous scrape is still running (a slow target, or Kafka pushing back) is
 * skipped and counted, so memory stays bounded. A failing target is marked down and retried at the
 * next interval; its failure never touches the other targets.
 */
public final class ExporterScraper implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ExporterScraper.class);
  /** dcgm-exporter's full output for 8 GPUs is about 100 KB; a thousand times that is not an exporter. */
  private static final long MAX_BODY_BYTES = 64L * 1024 * 1024;

  /** How to scrape. */
  public record Settings(List<URI> targets, Duration interval, Duration timeout, int concurrency) {}

  private final Settings settings;
  private final ExpositionMapper mapper;
  private final TelemetryShipper shipper;
  private final IngestMetrics metrics;
  private final HttpClient http;
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
      r -> daemon(r, "scrape-ticker"));
  private final ExecutorService workers;
  private final Set<URI> inFlight = ConcurrentHashMap.newKeySet();

  public ExporterScraper(Settings settings, ExpositionMapper mapper, TelemetryShipper shipper) {
    this.settings = settings;
    this.mapper = mapper;
    this.shipper = shipper;
    this.metrics = shipper.metrics();
    this.workers = Executors.newFixedThreadPool(settings.concurrency(), r -> daemon(r, "scrape-worker"));
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
  }

  /** Starts scraping every target now and then every interval. */
  public void start() {
    ticker.scheduleAtFixedRate(this::scrapeAll, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Scrapes every target that is not still being scraped. */
  void scrapeAll() {
    for (URI target : settings.targets()) {
      if (!inFlight.add(target)) {
        metrics.scrapesSkipped(target.toString());
        continue;
      }
      workers.execute(() -> {
        try {
          scrape(target, System.currentTimeMillis());
        } finally {
          inFlight.remove(target);
        }
      });
    }
  }

  /** One scrape of one target, at {@code scrapeTime}; never throws. */
  void scrape(URI target, long scrapeTime) {
    String name = target.toString();
    long started = System.nanoTime();
    CompletableFuture<HttpResponse<String>> request = http.sendAsync(HttpRequest.newBuilder(target)
        .timeout(settings.timeout())
        .header("Accept", "text/plain;version=0.0.4;q=0.9,application/openmetrics-text;version=1.0.0;q=0.5")
        .GET().build(), CappedBody.handler(MAX_BODY_BYTES));
    try {
      // the timeout covers the whole body: a target that sends headers and then stalls is cut off
      HttpResponse<String> response = request.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
      if (response.statusCode() != 200) {
        down(name, "http_status", "HTTP " + response.statusCode());
        return;
      }
      ExpositionParser.Format format = ExpositionParser.Format.fromContentType(
          response.headers().firstValue("Content-Type").orElse(null));
      ExpositionParser.Result parsed = new ExpositionParser(format).parse(response.body());
      ExpositionMapper.Source source = new ExpositionMapper.Source(DeadLetters.SCRAPE, name, target.getHost(),
          scrapeTime);
      synchronized (mapper) {
        mapper.map(parsed.samples(), parsed.errors(), source, shipper::sample, shipper::deadLetter);
      }
      metrics.up(name, true);
    } catch (TimeoutException e) {
      request.cancel(true);
      down(name, "timeout", "no complete response within " + settings.timeout());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      down(name, cause instanceof HttpTimeoutException ? "timeout" : "connection", String.valueOf(cause));
    } catch (InterruptedException e) {
      request.cancel(true);
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      down(name, "error", e.toString());
      LOG.warn("scrape of {} failed", name, e);
    } finally {
      metrics.scrapeSeconds(name, (System.nanoTime() - started) / 1e9);
    }
  }

  private void down(String target, String cause, String detail) {
    metrics.up(target, false);
    metrics.scrapeFailed(target, cause);
    LOG.debug("scrape of {} failed: {} ({})", target, cause, detail);
  }

  @Override
  public void close() throws InterruptedException {
    ticker.shutdownNow();
    workers.shutdown();
    if (!workers.awaitTermination(settings.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
      workers.shutdownNow();
    }
    shipper.flush();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}

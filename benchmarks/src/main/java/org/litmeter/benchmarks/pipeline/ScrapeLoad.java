package org.litmeter.benchmarks.pipeline;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.litmeter.infra.local.FreePorts;
import org.litmeter.infra.local.JavaCommand;
import org.litmeter.ingest.exporters.ExporterDialect;
import org.litmeter.ingest.exporters.ExpositionMapper;
import org.litmeter.ingest.exporters.TenantRule;
import org.litmeter.ingest.kafka.RecordProducer;
import org.litmeter.ingest.scrape.ExporterScraper;
import org.litmeter.ingest.ship.IngestMetrics;
import org.litmeter.ingest.ship.TelemetryShipper;
import org.litmeter.schema.RecordValidator;

/**
 * The scraper against a fake fleet of 8-GPU dcgm-exporter hosts (a separate process), producing to
 * the real broker: does it keep up, and how much CPU does it take?
 */
final class ScrapeLoad {

  record Result(int targets, Duration interval, double samplesPerSecond, double cpuCores, long expectedSamples,
      long producedSamples) {}

  private ScrapeLoad() {}

  static Result measure(String bootstrapServers, int targets, Duration interval, Duration duration) throws Exception {
    int port = FreePorts.pick();
    Process fleet = new ProcessBuilder(JavaCommand.javaBinary(), "-Xmx256m", "-cp",
        System.getProperty("java.class.path") + File.pathSeparator + JavaCommand.ownLocation(),
        FakeExporterFleet.class.getName(), Integer.toString(port), Integer.toString(targets))
        .redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(fleet.getInputStream(), StandardCharsets.UTF_8));
      for (String line; (line = out.readLine()) != null && !line.equals("ready"); ) {
        // wait for the fleet
      }
      List<URI> urls = new ArrayList<>();
      for (int n = 0; n < targets; n++) {
        urls.add(URI.create("http://127.0.0.1:" + port + "/node" + n + "/metrics"));
      }
      IngestMetrics metrics = new IngestMetrics();
      var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      try (TelemetryShipper shipper = new TelemetryShipper(new RecordProducer(bootstrapServers, "bench-scrape"),
          metrics)) {
        ExpositionMapper mapper = new ExpositionMapper(ExporterDialect.ALL, new ExpositionMapper.Settings(
            host -> "bench", null, TenantRule.defaults(), RecordValidator.live(Duration.ofHours(1),
                Duration.ofMinutes(5))));
        ExporterScraper scraper = new ExporterScraper(new ExporterScraper.Settings(urls, interval,
            Duration.ofSeconds(10), 16), mapper, shipper);
        long cpuBefore = os.getProcessCpuTime();
        long started = System.nanoTime();
        scraper.start();
        Thread.sleep(duration.toMillis());
        scraper.close();
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpuBefore) / 1e9 / seconds;
        long produced = (long) metrics.produced("bench");
        // a scrape at the start and then one per interval
        long rounds = duration.toMillis() / interval.toMillis() + 1;
        return new Result(targets, interval, produced / seconds, cpu, rounds * targets * 8, produced);
      }
    } finally {
      fleet.destroyForcibly();
    }
  }
}

package org.litmeter.cli;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.litmeter.schema.Durations;
import org.litmeter.ingest.exporters.ExporterDialect;
import org.litmeter.ingest.exporters.ExpositionMapper;
import org.litmeter.ingest.exporters.TenantRule;
import org.litmeter.ingest.exposition.ExpositionParser;
import org.litmeter.ingest.kafka.RecordProducer;
import org.litmeter.ingest.replay.AlibabaTraces;
import org.litmeter.ingest.replay.ExpositionReplay;
import org.litmeter.ingest.replay.ReferenceFiles;
import org.litmeter.ingest.scrape.ExporterScraper;
import org.litmeter.simulation.FleetSimulator;
import org.litmeter.simulation.GroundTruth;
import org.litmeter.simulation.SimulationConfig;
import org.litmeter.ingest.ship.IngestMetrics;
import org.litmeter.ingest.ship.TelemetryShipper;
import org.litmeter.schema.AvroCodec;
import org.litmeter.schema.CenterRegistration;
import org.litmeter.schema.DeadLetter;
import org.litmeter.schema.DeviceInventoryEvent;
import org.litmeter.schema.LeaseEvent;
import org.litmeter.schema.RecordValidator;
import org.litmeter.schema.Topics;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./litmeter ingest ...}: get telemetry, inventory, leases and the registry into Kafka. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Get exporter telemetry, inventory, leases and the center registry into Kafka.",
    subcommands = {IngestCommand.Scrape.class, IngestCommand.Replay.class, IngestCommand.Load.class,
        IngestCommand.Alibaba.class, IngestCommand.Simulate.class})
final class IngestCommand {

  /** How far ahead of this machine's clock an event time may be. */
  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  /** Options every ingest command shares. */
  static final class KafkaOptions {
    @Mixin KafkaClusterOptions cluster;

    @Option(names = "--metrics-port", defaultValue = "-1",
        description = "Serve the ingest's Prometheus /metrics on this port (0: any free port; default: off)")
    int metricsPort;

    @Option(names = "--metrics-address", defaultValue = "127.0.0.1",
        description = "Address /metrics listens on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface, when"
            + " Prometheus scrapes from another host)")
    String metricsAddress;

    TelemetryShipper shipper(IngestMetrics metrics, String clientId) throws IOException {
      return new TelemetryShipper(new RecordProducer(cluster.connection(), clientId), metrics);
    }

    HTTPServer serveMetrics(IngestMetrics metrics) throws IOException {
      if (metricsPort < 0) {
        return null;
      }
      HTTPServer server = metrics.serve(metricsAddress, metricsPort);
      System.out.println("metrics on http://" + metricsAddress + ":" + server.getPort() + "/metrics");
      return server;
    }
  }

  /** How samples get their center, and whether unknown centers are refused. */
  static final class CenterOptions {
    @Option(names = "--center", description = "The center of this ingest instance's hosts")
    String center;

    @Option(names = "--host-centers", description = "File of 'host center' lines, for hosts of other centers")
    Path hostCenters;

    @Option(names = "--registry", description = "Centers YAML: samples of centers not in it become dead letters")
    Path registry;

    @Option(names = "--tenant-label", description = "Labels that name the tenant, first present wins"
        + " (default: namespace, hpc_job)")
    List<String> tenantLabels;

    ExpositionMapper mapper(RecordValidator validator, TelemetryShipper shipper) throws IOException {
      Map<String, String> byHost = new HashMap<>();
      if (hostCenters != null) {
        for (String line : Files.readAllLines(hostCenters)) {
          String[] f = line.strip().split("\\s+");
          if (f.length == 2 && !line.startsWith("#")) {
            byHost.put(f[0], f[1]);
          }
        }
      }
      Set<String> known = null;
      if (registry != null) {
        known = new HashSet<>();
        for (CenterRegistration c : new ReferenceFiles(RecordValidator.anyTime(), shipper::deadLetter).centers(registry)) {
          known.add(c.getCenterId());
        }
      }
      String fallback = center == null ? "unassigned" : center;
      return new ExpositionMapper(ExporterDialect.ALL, new ExpositionMapper.Settings(
          host -> byHost.getOrDefault(host, fallback), known,
          tenantLabels == null ? TenantRule.defaults() : new TenantRule(tenantLabels), validator));
    }
  }

  @Command(name = "scrape", mixinStandardHelpOptions = true,
      description = "Poll exporter endpoints (dcgm-exporter, npu-exporter) and produce their samples; runs until Ctrl-C.")
  static final class Scrape implements Callable<Integer> {
    @Mixin KafkaOptions kafka;
    @Mixin CenterOptions centers;

    @ArgGroup(exclusive = false, multiplicity = "1")
    Targets targets;

    static final class Targets {
      @Option(names = "--target", description = "An exporter URL, e.g. http://gpu-node-01:9400/metrics")
      List<URI> urls = new ArrayList<>();

      @Option(names = "--targets", description = "File with one exporter URL per line")
      Path file;
    }

    @Option(names = "--interval", defaultValue = "30s", description = "Scrape interval (default: ${DEFAULT-VALUE})")
    String interval;

    @Option(names = "--timeout", defaultValue = "10s", description = "Per-scrape timeout (default: ${DEFAULT-VALUE})")
    String timeout;

    @Option(names = "--concurrency", defaultValue = "16", description = "Scrapes at once (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--max-age", defaultValue = "1h",
        description = "Samples older than this (exporter clock far behind) are dead letters (default: ${DEFAULT-VALUE})")
    String maxAge;

    @Override
    public Integer call() throws Exception {
      List<URI> urls = new ArrayList<>(targets.urls);
      if (targets.file != null) {
        Files.readAllLines(targets.file).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .map(URI::create).forEach(urls::add);
      }
      // the options first: a mistake in them is said at once, before Kafka is contacted
      ExporterScraper.Settings settings = new ExporterScraper.Settings(urls, Durations.parse(interval),
          Durations.parse(timeout), concurrency);
      RecordValidator validator = RecordValidator.live(Durations.parse(maxAge), MAX_CLOCK_SKEW);
      IngestMetrics metrics = new IngestMetrics();
      CountDownLatch stop = new CountDownLatch(1);
      try (TelemetryShipper shipper = kafka.shipper(metrics, "litmeter-scrape");
          HTTPServer ignored = kafka.serveMetrics(metrics)) {
        ExporterScraper scraper = new ExporterScraper(settings, centers.mapper(validator, shipper), shipper);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        System.out.printf("scraping %d targets every %s into %s; Ctrl-C to stop%n", urls.size(), interval,
            kafka.cluster.connection());
        scraper.start();
        stop.await();
        scraper.close();
      }
      return 0;
    }
  }

  @Command(name = "replay", mixinStandardHelpOptions = true,
      description = "Produce recorded exposition files (lines with millisecond timestamps; gzip accepted) with their"
          + " event times; several files are merged by event time.")
  static final class Replay implements Callable<Integer> {
    @Mixin KafkaOptions kafka;
    @Mixin CenterOptions centers;

    @Option(names = "--speedup", defaultValue = "0",
        description = "Replay N times faster than recorded; 0 for as fast as possible (default)")
    double speedup;

    @Option(names = "--openmetrics", description = "Files are OpenMetrics (timestamps in seconds)")
    boolean openMetrics;

    @Option(names = "--run-id", description = "Names this replay in Kafka's record headers; a replay restarted"
        + " with the same id sends only what the interrupted one did not land (default: the files' paths and sizes)")
    String runId;

    @Parameters(arity = "1..*", description = "Exposition files")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
      IngestMetrics metrics = new IngestMetrics();
      if (runId == null) {
        StringBuilder id = new StringBuilder("replay");
        for (Path file : files) {
          id.append(' ').append(file.toAbsolutePath().normalize()).append(':').append(Files.size(file));
        }
        runId = id.toString();
      }
      RecordProducer producer = RecordProducer.resuming(kafka.cluster.connection(), "litmeter-replay", runId);
      try (TelemetryShipper shipper = new TelemetryShipper(producer, metrics);
          HTTPServer ignored = kafka.serveMetrics(metrics)) {
        RecordValidator validator = RecordValidator.upToNowPlus(MAX_CLOCK_SKEW);
        ExpositionReplay replay = new ExpositionReplay(centers.mapper(validator, shipper), shipper, speedup);
        ExpositionReplay.Summary s = replay.replay(files, openMetrics ? ExpositionParser.Format.OPENMETRICS
            : ExpositionParser.Format.PROMETHEUS_TEXT);
        System.out.printf("%d file%s merged by event time: %,d lines, %,d samples produced, %,d dead letters%n",
            files.size(), files.size() == 1 ? "" : "s", s.lines(), s.samplesProduced(), s.deadLetters());
        reportSkipped(producer);
        if (!s.brokenFiles().isEmpty()) {
          System.err.printf("%d file%s broke; what came before each break was replayed, the rest is lost:%n",
              s.brokenFiles().size(), s.brokenFiles().size() == 1 ? "" : "s");
          s.brokenFiles().forEach(b -> System.err.println("  " + b));
          return 1;
        }
      }
      return 0;
    }
  }

  @Command(name = "load", mixinStandardHelpOptions = true,
      description = "Load the center registry (YAML), leases and inventory (CSV) into their topics.")
  static final class Load implements Callable<Integer> {
    @Mixin KafkaOptions kafka;

    @Option(names = "--registry", description = "Centers YAML") Path registry;
    @Option(names = "--leases", description = "Leases CSV: " + ReferenceFiles.LEASES_HEADER) Path leases;
    @Option(names = "--inventory", description = "Inventory CSV: " + ReferenceFiles.INVENTORY_HEADER) Path inventory;
    @Option(names = "--encoding", defaultValue = "UTF-8",
        description = "Encoding of the files, e.g. GBK for an export from a Chinese spreadsheet (default: ${DEFAULT-VALUE})")
    Charset encoding;
    @Option(names = "--allow-rejects", description = "Exit 0 even when rows were set aside as dead letters")
    boolean allowRejects;

    @Override
    public Integer call() throws Exception {
      IngestMetrics metrics = new IngestMetrics();
      try (RecordProducer producer = new RecordProducer(kafka.cluster.connection(), "litmeter-load");
          TelemetryShipper shipper = new TelemetryShipper(producer, metrics)) {
        List<DeadLetter> rejected = new ArrayList<>();
        ReferenceFiles files = new ReferenceFiles(RecordValidator.upToNowPlus(MAX_CLOCK_SKEW), d -> {
          rejected.add(d);
          shipper.deadLetter(d);
        }, encoding);
        if (registry != null) {
          AvroCodec<CenterRegistration> codec = AvroCodec.of(CenterRegistration.class);
          List<CenterRegistration> list = files.centers(registry);
          list.forEach(c -> producer.send(Topics.CENTERS.name(), c.getCenterId(), codec.encode(c)));
          System.out.printf("%s: %d centers%n", registry, list.size());
        }
        if (leases != null) {
          AvroCodec<LeaseEvent> codec = AvroCodec.of(LeaseEvent.class);
          List<LeaseEvent> list = files.leases(leases);
          list.forEach(e -> producer.send(Topics.LEASES.name(), e.getDeviceUuid(), codec.encode(e)));
          System.out.printf("%s: %d lease events%n", leases, list.size());
        }
        if (inventory != null) {
          AvroCodec<DeviceInventoryEvent> codec = AvroCodec.of(DeviceInventoryEvent.class);
          List<DeviceInventoryEvent> list = files.inventory(inventory);
          list.forEach(e -> producer.send(Topics.INVENTORY.name(), e.getDeviceUuid(), codec.encode(e)));
          System.out.printf("%s: %d inventory events%n", inventory, list.size());
        }
        shipper.flush();
        if (rejected.isEmpty()) {
          System.out.println("every row loaded");
          return 0;
        }
        printSetAside(rejected);
        if (!allowRejects) {
          System.err.println("  fix those rows and load them again, or pass --allow-rejects to accept the rest as loaded");
          return 1;
        }
      }
      return 0;
    }
  }

  /** Rows set aside as dead letters, the first 20 with where and why, on standard error. */
  private static void printSetAside(List<DeadLetter> rejected) {
    System.err.printf("%,d row%s set aside as dead letters (topic %s):%n", rejected.size(),
        rejected.size() == 1 ? "" : "s", Topics.DEAD_LETTERS.name());
    rejected.stream().limit(20).forEach(d -> System.err.printf("  %s %s: %s%n", d.getOrigin(), d.getReason(),
        d.getDetail()));
    if (rejected.size() > 20) {
      System.err.printf("  ... and %d more%n", rejected.size() - 20);
    }
  }

  @Command(name = "alibaba", mixinStandardHelpOptions = true,
      description = {"Replay Alibaba's public traces as two centers: alibaba-genai (GPU duty cycle of 143 serving pods)"
          + " and alibaba-openb (allocation history of 6,212 GPUs). See AlibabaTraces for the mapping.",
          "The GenAI trace has no power: run the job with the utilization-only lit rule to count its lit devices."})
  static final class Alibaba implements Callable<Integer> {
    @Mixin KafkaOptions kafka;

    @Option(names = "--data", defaultValue = "../shared/data/alibaba-clusterdata",
        description = "The alibaba-clusterdata directory (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--openb-from", defaultValue = "2023-05-25T21:00:00Z",
        description = "Start of the allocation slice; trace seconds count from 2023-01-01 (default: ${DEFAULT-VALUE})")
    Instant from;

    @Option(names = "--openb-duration", defaultValue = "2h",
        description = "Length of the allocation slice (default: ${DEFAULT-VALUE})")
    String duration;

    @Override
    public Integer call() throws Exception {
      try (RecordProducer producer = new RecordProducer(kafka.cluster.connection(), "litmeter-alibaba");
          TelemetryShipper shipper = new TelemetryShipper(producer, new IngestMetrics())) {
        List<DeadLetter> rejected = new ArrayList<>();
        AlibabaTraces traces = new AlibabaTraces(data, d -> {
          rejected.add(d);
          shipper.deadLetter(d);
        });
        long genai = traces.replayGenai(producer::send);
        long openb = traces.replayOpenb(from, from.plus(Durations.parse(duration)), producer::send);
        shipper.flush();
        System.out.printf("%s: %,d samples; %s: %,d samples%n", AlibabaTraces.GENAI_CENTER, genai,
            AlibabaTraces.OPENB_CENTER, openb);
        if (!rejected.isEmpty()) {
          printSetAside(rejected);
        }
        return traces.brokenFiles().isEmpty() ? 0 : 1;
      }
    }
  }

  @Command(name = "simulate", mixinStandardHelpOptions = true,
      description = {"Produce a simulated fleet (the demo's simulator) into Kafka: registry, inventory, leases and"
          + " telemetry with missing, duplicated, late and invalid samples. Equal options give identical records.",
          "Restarted after a crash with the same options, it sends only what the crashed run did not land."})
  static final class Simulate implements Callable<Integer> {
    @Mixin KafkaClusterOptions kafka;

    @Mixin FleetOptions fleet = new FleetOptions(4, 32, "24h", 1);

    @Override
    public Integer call() throws IOException {
      SimulationConfig config = fleet.config();
      long[] emitted = {0};
      try (RecordProducer producer = RecordProducer.resuming(kafka.connection(), "litmeter-simulate",
          simulationRunId(fleet.centers, fleet.gpus, fleet.hours(), fleet.seed))) {
        GroundTruth truth = new FleetSimulator(config).run(e -> {
          producer.send(e);
          emitted[0]++;
        });
        producer.flush();
        System.out.printf("%,d records (%d centers, %,d center windows of ground truth) in %s%n", emitted[0],
            fleet.centers, truth.windows().size(), kafka.connection());
        reportSkipped(producer);
      }
      return 0;
    }
  }

  /** The run id of a simulation: equal options, equal records. */
  static String simulationRunId(int centers, int gpus, int hours, long seed) {
    return String.format("simulate centers=%d gpus=%d hours=%d seed=%d", centers, gpus, hours, seed);
  }

  private static void reportSkipped(RecordProducer producer) {
    if (producer.skipped() > 0) {
      System.out.printf("%,d records were already in Kafka from an interrupted run and were not sent again%n",
          producer.skipped());
    }
  }
}

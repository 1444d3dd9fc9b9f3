package org.litmeter.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.infra.local.LocalStack;
import org.litmeter.ingest.kafka.Emission;
import org.litmeter.ingest.kafka.RecordProducer;
import org.litmeter.ingest.kafka.TopicReader;
import org.litmeter.simulation.scenarios.DetectionScore;
import org.litmeter.simulation.scenarios.FiredAlert;
import org.litmeter.simulation.scenarios.Scenario;
import org.litmeter.simulation.scenarios.ScenarioPopulation;
import org.litmeter.simulation.scenarios.ScenarioSuite;
import org.litmeter.jobs.DetectorReplay;
import org.litmeter.jobs.RatesJobConfig;
import org.litmeter.schema.Alert;
import org.litmeter.schema.AlertStatus;
import org.litmeter.schema.AvroCodec;
import org.litmeter.schema.CenterRegistration;
import org.litmeter.schema.DeviceInventoryEvent;
import org.litmeter.schema.GpuSample;
import org.litmeter.schema.LeaseEvent;
import org.litmeter.schema.Topics;
import org.litmeter.schema.UndecodableRecordException;
import org.litmeter.detect.AlertText;
import org.litmeter.detect.AlertText.Language;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Judges the detectors on labelled centers: a randomized population ({@link ScenarioPopulation}) or
 * the fixed suite ({@link ScenarioSuite}), run through the job's detection path in one process
 * ({@link DetectorReplay}, minutes for hundreds of centers) or through the whole pipeline (real
 * Kafka, the job on a Flink MiniCluster, real ClickHouse), then scored per detector against the
 * labels, with sweeps of recall against the withdrawal delay and of false alarms against churn.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Score the detectors on labelled honest and dishonest centers: true and false positives, false"
        + " negatives, precision, recall, delay; recall against withdrawal delay and false alarms against churn.",
        "Exits 0 when every detector reaches --min-recall and at most --max-honest-alerted of the honest centers"
            + " have any alert (and, with --pipeline, every alert on the Kafka topic is in litmeter.alerts).",
        "Pipeline data stays in .litmeter/evaluation."})
final class EvaluateCommand implements Callable<Integer> {

  @Mixin
  LanguageOption lang;

  @Option(names = "--centers", defaultValue = "100",
      description = "Centers in the randomized population, half of them honest (default: ${DEFAULT-VALUE})")
  int centers;

  @Option(names = "--seed", defaultValue = "7", description = "Seed of the population (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--fixed", description = "Score the fixed 21-center suite of docs/detection.md instead")
  boolean fixed;

  @Option(names = "--pipeline",
      description = "Run the centers through real Kafka, the job on a Flink MiniCluster and real ClickHouse")
  boolean pipeline;

  @Mixin ParallelismOption parallelism;

  @Option(names = "--min-recall", defaultValue = "0.95",
      description = "Recall every detector must reach (default: ${DEFAULT-VALUE})")
  double minRecall;

  @Option(names = "--max-honest-alerted", defaultValue = "0.01",
      description = "Largest share of honest centers with any alert (default: ${DEFAULT-VALUE})")
  double maxHonestAlerted;

  @Option(names = "--svg", paramLabel = "FILE", description = "Write the two sweeps as an SVG chart")
  Path svg;

  @Option(names = "--detect", paramLabel = "NAME=VALUE",
      description = "Replace a detector setting, e.g. --detect hollowUtilMin=85 (repeatable; see docs/detection.md)")
  Map<String, String> detect = new TreeMap<>();

  private final Console console = new Console();

  /** The labelled centers, however made. */
  private interface Labelled {
    List<Scenario> scenarios();

    long run(ScenarioPopulation.Sink out);
  }

  @Override
  public Integer call() throws Exception {
    Labelled labelled = labelled();
    RatesJobConfig config = RatesJobConfig.defaults().withoutIdleness().withParallelism(parallelism.value)
        .withCheckpointInterval(Duration.ofSeconds(5));
    config = config.withDetectors(config.detectors().with(detect));
    List<Scenario> scenarios = labelled.scenarios();
    long honest = scenarios.stream().filter(Scenario::honest).count();
    console.step(String.format(Locale.ROOT, "%s: %d centers (%d honest, %d dishonest), seed %d",
        fixed ? "The fixed suite" : "A randomized population", scenarios.size(), honest, scenarios.size() - honest,
        seed));
    List<FiredAlert> fired = new ArrayList<>();
    boolean delivered = pipeline ? throughPipeline(labelled, config, fired) : replay(labelled, config, fired);
    boolean met = report(scenarios, fired);
    if (svg != null) {
      Files.writeString(svg, SweepChart.svg(SweepChart.Sweeps.of(scenarios, fired)));
      console.info("sweeps written to %s", svg);
    }
    return met && delivered ? 0 : 1;
  }

  private Labelled labelled() {
    if (fixed) {
      ScenarioSuite suite = new ScenarioSuite(seed);
      return new Labelled() {
        public List<Scenario> scenarios() {
          return suite.scenarios();
        }

        public long run(ScenarioPopulation.Sink out) {
          return suite.run(emission -> decodeInto(emission, out));
        }
      };
    }
    ScenarioPopulation population = new ScenarioPopulation(centers, seed);
    return new Labelled() {
      public List<Scenario> scenarios() {
        return population.scenarios();
      }

      public long run(ScenarioPopulation.Sink out) {
        return population.run(out);
      }
    };
  }

  private boolean replay(Labelled labelled, RatesJobConfig config, List<FiredAlert> fired) {
    console.step("Running the job's detection path in this process (device verdicts, detectors, identity)");
    Map<String, FiredAlert> first = new HashMap<>();
    DetectorReplay replay = new DetectorReplay(config, a -> {
      if (a.getStatus() == AlertStatus.FIRING) {
        first.putIfAbsent(a.getAlertId(), fired(a));
      }
    });
    long samples = labelled.run(new ScenarioPopulation.Sink() {
      public void registration(CenterRegistration r) {
        replay.registration(r);
      }

      public void inventory(DeviceInventoryEvent e) {
        replay.inventory(e);
      }

      public void lease(LeaseEvent e) {
        replay.lease(e);
      }

      public void sample(GpuSample s) {
        replay.sample(s);
      }
    });
    replay.finish();
    double seconds = console.sinceStep().toMillis() / 1000.0;
    console.info("%,d samples (%,d after their window closed) in %s: %,.0f samples/s", samples, replay.tooLate(),
        Console.seconds(console.sinceStep()), samples / Math.max(0.001, seconds));
    fired.addAll(first.values());
    return true;
  }

  private boolean throughPipeline(Labelled labelled, RatesJobConfig config, List<FiredAlert> fired)
      throws Exception {
    console.step("Starting a real Kafka broker (KRaft) and a private ClickHouse server");
    try (LocalStack stack = LocalStack.start(Litmeter.home().resolve("evaluation"), true, 4)) {
      console.step("Replaying the centers into Kafka");
      long samples;
      try (RecordProducer producer = new RecordProducer(stack.kafka().bootstrapServers(), "litmeter-evaluate")) {
        samples = labelled.run(new KafkaSink(producer));
      }
      console.info("%,d samples in %s", samples, Console.seconds(console.sinceStep()));

      console.step("Running the rates job and the detectors on an embedded Flink MiniCluster");
      BoundedJobRun.run(stack, "litmeter-evaluate", config, console, -1);
      try (ClickHouseSql sql = new ClickHouseSql(stack.clickhouse().endpoint())) {
        sql.rows("""
            SELECT center, kind, toUInt64(started_at) AS started, toUInt64(detected_at) AS detected
            FROM litmeter.alerts FINAL""").stream()
            .map(r -> new FiredAlert(r.get("center"), r.get("kind"), r.getLong("started") * 1000,
                r.getLong("detected") * 1000))
            .forEach(fired::add);
        return checkDelivery(stack, sql);
      }
    }
  }

  private static FiredAlert fired(Alert a) {
    return new FiredAlert(a.getCenter(), a.getKind(), a.getStartedAt().toEpochMilli(),
        a.getDetectedAt().toEpochMilli());
  }

  private static final AvroCodec<CenterRegistration> REGISTRY = AvroCodec.of(CenterRegistration.class);
  private static final AvroCodec<DeviceInventoryEvent> INVENTORY = AvroCodec.of(DeviceInventoryEvent.class);
  private static final AvroCodec<LeaseEvent> LEASES = AvroCodec.of(LeaseEvent.class);
  private static final AvroCodec<GpuSample> TELEMETRY = AvroCodec.of(GpuSample.class);

  /** The fixed suite emits Kafka records; the replay takes them decoded. */
  private static void decodeInto(Emission e, ScenarioPopulation.Sink out) {
    String topic = e.topic().name();
    try {
      if (topic.equals(Topics.CENTERS.name())) {
        out.registration(REGISTRY.decode(e.value()));
      } else if (topic.equals(Topics.INVENTORY.name())) {
        out.inventory(INVENTORY.decode(e.value()));
      } else if (topic.equals(Topics.LEASES.name())) {
        out.lease(LEASES.decode(e.value()));
      } else {
        out.sample(TELEMETRY.decode(e.value()));
      }
    } catch (UndecodableRecordException bug) {
      throw new IllegalStateException("the suite wrote a " + topic + " record it cannot read", bug);
    }
  }

  /** A population's records into Kafka, in litmeter's wire format, keyed as the ingest keys them. */
  private record KafkaSink(RecordProducer producer) implements ScenarioPopulation.Sink {
    public void registration(CenterRegistration r) {
      producer.send(new Emission(Topics.CENTERS, r.getCenterId(), REGISTRY.encode(r)));
    }

    public void inventory(DeviceInventoryEvent e) {
      producer.send(new Emission(Topics.INVENTORY, e.getDeviceUuid(), INVENTORY.encode(e)));
    }

    public void lease(LeaseEvent e) {
      producer.send(new Emission(Topics.LEASES, e.getDeviceUuid(), LEASES.encode(e)));
    }

    public void sample(GpuSample s) {
      producer.send(new Emission(Topics.TELEMETRY, s.getDeviceUuid(), TELEMETRY.encode(s)));
    }
  }

  /** The alerts topic and litmeter.alerts hold the same alerts. */
  private boolean checkDelivery(LocalStack stack, ClickHouseSql sql) throws Exception {
    List<Alert> records = TopicReader.read(stack.kafka().bootstrapServers(), Topics.ALERTS.name(),
        AvroCodec.of(Alert.class), Integer.MAX_VALUE);
    Set<String> onTopic = new TreeSet<>();
    records.forEach(a -> onTopic.add(a.getAlertId()));
    Set<String> inTable = new TreeSet<>();
    sql.rows("SELECT alert_id FROM litmeter.alerts FINAL").forEach(r -> inTable.add(r.get("alert_id")));
    long firing = records.stream().filter(a -> a.getStatus() == AlertStatus.FIRING).count();
    console.info("%,d alert records on %s (%,d firing, %,d resolved), %,d distinct alerts; %,d rows in"
        + " litmeter.alerts after dedup", records.size(), Topics.ALERTS.name(), firing, records.size() - firing,
        onTopic.size(), inTable.size());
    if (!onTopic.equals(inTable)) {
      console.info("the alerts topic and litmeter.alerts differ");
    }
    return onTopic.equals(inTable);
  }

  private boolean report(List<Scenario> scenarios, List<FiredAlert> fired) {
    DetectionScore score = DetectionScore.of(scenarios, fired);
    Map<String, Set<String>> kindsByCenter = new TreeMap<>();
    fired.forEach(a -> kindsByCenter.computeIfAbsent(a.center(), c -> new TreeSet<>()).add(a.kind()));

    console.step("Families (a center is caught when every expected detector fired)");
    Map<String, int[]> families = new TreeMap<>();
    for (Scenario s : scenarios) {
      int[] f = families.computeIfAbsent((s.honest() ? "honest: " : "") + s.name(), k -> new int[2]);
      Set<String> got = kindsByCenter.getOrDefault(s.center(), Set.of());
      f[0]++;
      f[1] += s.honest() ? (got.isEmpty() ? 0 : 1) : (got.containsAll(s.expected().keySet()) ? 1 : 0);
    }
    List<List<String>> familyTable = new ArrayList<>();
    CliText words = CliText.in(lang.language);
    boolean chinese = lang.language == Language.ZH_CN;
    familyTable.add(words.header("evaluate_families"));
    families.forEach((name, f) -> familyTable.add(List.of(name, Integer.toString(f[0]), Integer.toString(f[1]))));
    System.out.print(Tables.render(familyTable));

    console.step("Detectors (unit: a center and a detector; delay from when the pattern became visible)");
    List<List<String>> scores = new ArrayList<>();
    scores.add(words.header("evaluate_detectors"));
    AlertText text = AlertText.in(lang.language);
    score.byKind().forEach(k -> scores.add(row(k, chinese ? text.kindName(k.kind()) : k.kind())));
    scores.add(row(score.overall(), words.get("all_detectors")));
    System.out.print(Tables.render(scores));
    console.info("misses: %s", score.misses().isEmpty() ? "none" : String.join(", ", score.misses()));
    console.info("alerts on honest centers: %s",
        score.honestFalseAlarms().isEmpty() ? "none" : String.join(", ", score.honestFalseAlarms()));
    score.missed().stream().limit(10).forEach(s -> console.info("  missed %s: %s", s.center(), s.description()));
    score.honestAlerted().stream().limit(10)
        .forEach(s -> console.info("  honest %s: %s", s.center(), s.description()));

    if (!fixed) {
      printSweeps(SweepChart.Sweeps.of(scenarios, fired));
    }
    double alerted = score.honestCentersAlerted();
    boolean met = score.meetsAim(minRecall, maxHonestAlerted);
    console.info("honest centers with any alert: %.1f%%; aim (recall >= %.2f per detector, at most %.1f%% of"
        + " honest centers alerted): %s; total %s", 100 * alerted, minRecall, 100 * maxHonestAlerted,
        met ? "met" : "NOT met", Console.seconds(console.sinceStart()));
    return met;
  }

  private void printSweeps(SweepChart.Sweeps sweeps) {
    CliText words = CliText.in(lang.language);
    printSweep("Sweep: acceptance-cliff recall against the withdrawal delay after acceptance",
        words.header("evaluate_cliff_sweep"), sweeps.cliffByWait());
    printSweep("Sweep: honest centers with any alert against their customers' mean lease (churn)",
        words.header("evaluate_tenure_sweep"), sweeps.honestByTenure());
  }

  private void printSweep(String title, List<String> header, List<SweepChart.Bucket> buckets) {
    console.step(title);
    List<List<String>> table = new ArrayList<>();
    table.add(header);
    buckets.forEach(b -> table.add(List.of(b.label(), Integer.toString(b.total()), Integer.toString(b.hits()),
        ratio(b.ratio()))));
    System.out.print(Tables.render(table));
  }

  private static List<String> row(DetectionScore.KindScore k, String name) {
    return List.of(name, Integer.toString(k.truePositives()), Integer.toString(k.falsePositives()),
        Integer.toString(k.falseNegatives()), ratio(k.precision()), ratio(k.recall()), hours(k.medianDelayHours()),
        hours(k.maxDelayHours()));
  }

  private static String ratio(double r) {
    return Double.isNaN(r) ? "-" : String.format(Locale.ROOT, "%.2f", r);
  }

  private static String hours(double h) {
    return Double.isNaN(h) ? "-" : h >= 48 ? String.format(Locale.ROOT, "%.1f d", h / 24)
        : String.format(Locale.ROOT, "%.1f h", h);
  }
}

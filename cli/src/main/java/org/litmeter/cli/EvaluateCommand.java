package org.litmeter.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.infra.local.LocalStack;
import org.litmeter.ingest.kafka.RecordProducer;
import org.litmeter.ingest.kafka.TopicReader;
import org.litmeter.ingest.scenarios.DetectionScore;
import org.litmeter.ingest.scenarios.FiredAlert;
import org.litmeter.ingest.scenarios.Scenario;
import org.litmeter.ingest.scenarios.ScenarioSuite;
import org.litmeter.jobs.RatesJobConfig;
import org.litmeter.schema.Alert;
import org.litmeter.schema.AlertStatus;
import org.litmeter.schema.AvroCodec;
import org.litmeter.schema.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Judges the detectors: replays the labelled scenario suite through a real Kafka broker and the
 * rates job into a real ClickHouse, then scores the alerts in {@code litmeter.alerts} (what an
 * operator sees) per detector against the labels.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Replay the labelled scenario suite (honest and dishonest centers) through the whole pipeline"
        + " and score the detectors: true and false positives, false negatives, precision, recall, delay.",
        "Exits 0 when recall reaches --min-recall with no alert on an honest center and every alert on the Kafka"
            + " alerts topic is in litmeter.alerts. Data stays in .litmeter/evaluation."})
final class EvaluateCommand implements Callable<Integer> {

  @Option(names = "--seed", defaultValue = "7", description = "Seed of the scenarios (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default: ${DEFAULT-VALUE})")
  int parallelism;

  @Option(names = "--min-recall", defaultValue = "0.95", description = "Recall to reach (default: ${DEFAULT-VALUE})")
  double minRecall;

  @Option(names = "--detect", paramLabel = "NAME=VALUE",
      description = "Replace a detector setting, e.g. --detect hollowUtilMin=85 (repeatable; see docs/detection.md)")
  Map<String, String> detect = new TreeMap<>();

  private final Console console = new Console();

  @Override
  public Integer call() throws Exception {
    ScenarioSuite suite = new ScenarioSuite(seed);
    console.step("Starting a real Kafka broker (KRaft) and a private ClickHouse server");
    try (LocalStack stack = LocalStack.start(Litmeter.home().resolve("evaluation"), true, 4)) {
      console.step(String.format(Locale.ROOT, "Replaying %d labelled centers (seed %d) into Kafka",
          suite.scenarios().size(), seed));
      long samples;
      try (RecordProducer producer = new RecordProducer(stack.kafka().bootstrapServers(), "litmeter-evaluate")) {
        samples = suite.run(producer::send);
      }
      console.info("%,d samples in %s", samples, Console.seconds(console.sinceStep()));

      console.step("Running the rates job and the detectors on an embedded Flink MiniCluster");
      RatesJobConfig config = RatesJobConfig.defaults().withoutIdleness().withParallelism(parallelism)
          .withCheckpointInterval(Duration.ofSeconds(5));
      BoundedJobRun.run(stack, "litmeter-evaluate", config.withDetectors(config.detectors().with(detect)), console,
          -1);

      List<FiredAlert> fired;
      boolean delivered;
      try (ClickHouseSql sql = new ClickHouseSql(stack.clickhouse().endpoint())) {
        fired = sql.rows("""
            SELECT center, kind, toUInt64(started_at) AS started, toUInt64(detected_at) AS detected
            FROM litmeter.alerts FINAL""").stream()
            .map(r -> new FiredAlert(r.get("center"), r.get("kind"), r.getLong("started") * 1000,
                r.getLong("detected") * 1000))
            .toList();
        delivered = checkDelivery(stack, sql);
      }
      return report(suite.scenarios(), fired) && delivered ? 0 : 1;
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

    console.step("Scenarios");
    Map<String, Set<String>> kindsByCenter = new TreeMap<>();
    fired.forEach(a -> kindsByCenter.computeIfAbsent(a.center(), c -> new TreeSet<>()).add(a.kind()));
    List<List<String>> table = new ArrayList<>();
    table.add(List.of("scenario", "honest", "expected", "fired"));
    for (Scenario s : scenarios) {
      table.add(List.of(s.name(), s.honest() ? "yes" : "no", String.join(" ", new TreeSet<>(s.expected().keySet())),
          String.join(" ", kindsByCenter.getOrDefault(s.center(), Set.of()))));
    }
    System.out.print(Tables.render(table));

    console.step("Detectors (unit: a center and a detector; delay from when the pattern became visible)");
    List<List<String>> scores = new ArrayList<>();
    scores.add(List.of("detector", "TP", "FP", "FN", "precision", "recall", "mean delay", "max delay"));
    score.byKind().forEach(k -> scores.add(row(k)));
    scores.add(row(score.overall()));
    System.out.print(Tables.render(scores));
    console.info("misses: %s", score.misses().isEmpty() ? "none" : String.join(", ", score.misses()));
    console.info("alerts on honest centers: %s",
        score.honestFalseAlarms().isEmpty() ? "none" : String.join(", ", score.honestFalseAlarms()));
    boolean met = score.meetsAim(minRecall);
    console.info("aim (recall >= %.2f, no alert on an honest center): %s; total %s", minRecall,
        met ? "met" : "NOT met", Console.seconds(console.sinceStart()));
    return met;
  }

  private static List<String> row(DetectionScore.KindScore k) {
    return List.of(k.kind(), Integer.toString(k.truePositives()), Integer.toString(k.falsePositives()),
        Integer.toString(k.falseNegatives()), ratio(k.precision()), ratio(k.recall()), hours(k.meanDelayHours()),
        hours(k.maxDelayHours()));
  }

  private static String ratio(double r) {
    return Double.isNaN(r) ? "-" : String.format(Locale.ROOT, "%.2f", r);
  }

  private static String hours(double h) {
    return Double.isNaN(h) ? "-" : String.format(Locale.ROOT, "%.1f h", h);
  }
}

package org.litmeter.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.concurrent.Callable;
import org.litmeter.cli.report.ReportText;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.infra.local.LocalAlertmanager;
import org.litmeter.infra.local.LocalMonitoring;
import org.litmeter.infra.local.LocalStack;
import org.litmeter.infra.local.WebhookReceiver;
import org.litmeter.ingest.kafka.RecordProducer;
import org.litmeter.simulation.FleetSimulator;
import org.litmeter.simulation.GroundTruth;
import org.litmeter.simulation.SimulationConfig;
import org.litmeter.simulation.TruthCheck;
import org.litmeter.rates.AcceleratorVendors;
import org.litmeter.simulation.WindowTruth;
import org.litmeter.jobs.RatesJobConfig;
import org.litmeter.jobs.alerting.AlertDelivery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The whole pipeline on this machine: a simulated fleet through a real Kafka broker and the rates
 * job (Flink MiniCluster) into a real ClickHouse, then the rates next to the simulator's truth; its
 * alerts through a real Alertmanager (when installed) to a receiver.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run the whole pipeline end to end on this machine and compare the rates with the ground truth.",
        "Starts a real Kafka broker and a private ClickHouse server (installing ClickHouse with apt when missing"
            + " and running as root), and stops them at the end. ClickHouse's data stays in .litmeter/clickhouse"
            + " for ./litmeter sql."})
final class DemoCommand implements Callable<Integer> {

  @Mixin
  LanguageOption lang;

  @Mixin FleetOptions fleet = new FleetOptions(4, 64, "6h", 1);

  @Mixin ParallelismOption parallelism;

  private final Console console = new Console();

  @Override
  public Integer call() throws Exception {
    SimulationConfig sim = fleet.config();
    console.step("Starting a real Kafka broker (KRaft) and a private ClickHouse server");
    try (LocalStack stack = LocalStack.start(Litmeter.home(), true, 4);
        LocalMonitoring monitoring = LocalMonitoring.available()
            ? LocalMonitoring.start(Litmeter.home().resolve("monitoring"), List.of(), List.of(), d -> { }) : null) {
      console.info("Kafka %s, ClickHouse %s (%s)", stack.kafka().bootstrapServers(),
          stack.clickhouse().endpoint().url(), Console.seconds(console.sinceStep()));
      if (monitoring != null) {
        console.info("Alertmanager %s with litmeter's routing; its receivers are a webhook in this process",
            monitoring.alertmanager());
      } else {
        console.info("Alertmanager is not installed (%s): alerts go to ClickHouse and Kafka only",
            LocalAlertmanager.INSTALL_HINT);
      }

      console.step(String.format(Locale.ROOT, "Simulating %d centers x %d GPUs over %d h (seed %d) into Kafka",
          fleet.centers, fleet.gpus, fleet.hours(), fleet.seed));
      Map<String, Long> produced = new TreeMap<>();
      GroundTruth truth;
      try (RecordProducer producer = new RecordProducer(stack.kafka().bootstrapServers(), "litmeter-demo")) {
        truth = new FleetSimulator(sim).run(e -> {
          producer.send(e);
          produced.merge(e.topic().name(), 1L, Long::sum);
        });
      }
      produced.forEach((topic, n) -> console.info("%-22s %,10d records", topic, n));
      console.info("(%s; the stream has missing, duplicated, out-of-order, late and invalid records on purpose)",
          Console.seconds(console.sinceStep()));

      console.step("Running the rates job on an embedded Flink MiniCluster (parallelism " + parallelism.value + ")");
      AlertDelivery delivery = monitoring == null ? AlertDelivery.none()
          : AlertDelivery.none().toAlertmanagers(List.of(monitoring.alertmanager()));
      BoundedJobRun.run(stack, "litmeter-demo", RatesJobConfig.defaults().withoutIdleness()
          .withParallelism(parallelism.value).withCheckpointInterval(Duration.ofSeconds(5)), console, truth.windows().size(),
          delivery);
      if (monitoring != null) {
        showNotifications(monitoring.receiver());
      }

      try (ClickHouseSql sql = new ClickHouseSql(stack.clickhouse().endpoint())) {
        return report(sql, truth, sim);
      }
    }
  }

  /** Waits until Alertmanager has sent what it will (it groups for a second), then shows it. */
  private void showNotifications(WebhookReceiver receiver) throws InterruptedException {
    console.step("Alerts as on-call receives them: job -> Alertmanager (routing, grouping) -> webhook receivers");
    int seen = -1;
    for (int quietChecks = 0, i = 0; quietChecks < 3 && i < 30; i++) {
      Thread.sleep(1_000);
      int now = receiver.received().size();
      quietChecks = now == seen ? quietChecks + 1 : 0;
      seen = now;
    }
    List<List<String>> table = new ArrayList<>();
    table.add(ReceivedNotifications.header(lang.language));
    receiver.received().forEach(d -> table.addAll(ReceivedNotifications.rows(d, lang.language)));
    if (table.size() == 1) {
      console.info("no notification: the simulated fleet gave the detectors nothing to report");
    } else {
      System.out.print(indent(Tables.render(table)));
    }
  }

  private int report(ClickHouseSql sql, GroundTruth truth, SimulationConfig sim) {
    console.step("Rates over the whole simulated period, litmeter next to the simulator's ground truth");
    long windowsInPeriod = sim.duration().toMinutes() / 5;
    Map<String, long[]> expected = new TreeMap<>();
    for (WindowTruth w : truth.windows()) {
      long[] sums = expected.computeIfAbsent(w.center(), c -> new long[3]);
      sums[0] += w.racked();
      sums[1] += w.lit();
      sums[2] += w.occupied();
    }
    List<List<String>> table = new ArrayList<>();
    ReportText words = ReportText.in(lang.language);
    CliText cli = CliText.in(lang.language);
    table.add(cli.header("demo_rates"));
    for (ClickHouseSql.Row r : sql.rows("""
        SELECT scope_id AS center, any(planned) AS planned, sum(racked_device_windows) AS racked,
               sum(lit_device_windows) AS lit, sum(occupied_device_windows) AS occupied
        FROM litmeter.rates FINAL WHERE scope = 'center' AND resolution = '5m'
        GROUP BY scope_id ORDER BY scope_id""")) {
      String center = r.get("center");
      long planned = r.getLong("planned");
      long[] t = expected.getOrDefault(center, new long[3]);
      table.add(List.of(center, cli.get("place", words.province(truth.province(center)),
          words.region(truth.region(center))), Long.toString(planned),
          pct(r.getLong("racked"), planned * windowsInPeriod), pct(t[0], planned * windowsInPeriod),
          pct(r.getLong("lit"), r.getLong("racked")), pct(t[1], t[0]),
          pct(r.getLong("occupied"), r.getLong("racked")), pct(t[2], t[0])));
    }
    System.out.print(indent(Tables.render(table)));

    TruthCheck.Report check = TruthCheck.compare(truth, sql);
    console.info("");
    console.info("%,d of %,d rates rows (centers, provinces, regions, nation; 5 min, 1 h, 1 day) equal the ground"
        + " truth exactly%s", check.matching(), check.expected().size(), check.exact() ? "." : ":");
    check.differences(10).forEach(d -> console.info("  %s", d));

    console.step("Domestic and imported chips, their stability, and what tenants use of the cards they hold, next to"
        + " the ground truth");
    System.out.print(indent(Tables.render(familyTable(sql, truth, windowsInPeriod, words, cli))));
    console.info("");
    System.out.print(indent(Tables.render(stabilityTable(sql, truth, words, cli))));
    console.info("");
    System.out.print(indent(Tables.render(tenantTable(sql, truth, cli))));
    TruthCheck.Report slices = TruthCheck.compareSlices(truth, sql);
    console.info("");
    console.info("%,d of %,d rows by model (litmeter.model_rates) and tenant (litmeter.tenant_usage) equal the"
        + " ground truth exactly%s", slices.matching(), slices.expected().size(), slices.exact() ? "." : ":");
    slices.differences(10).forEach(d -> console.info("  %s", d));

    Map<String, Long> deadLetters = TruthCheck.deadLettersByReason(sql);
    console.info("dead letters by reason (expected): %s", describeDeadLetters(deadLetters, truth.expectedDeadLetters()));
    boolean deadLettersExact = deadLetters.equals(new TreeMap<>(truth.expectedDeadLetters()));

    console.step("Query the results");
    console.info("./litmeter sql \"SELECT scope_id, window_start, racked_rate, lit_rate, occupied_rate"
        + " FROM litmeter.rates FINAL WHERE scope = 'province' AND resolution = '1h' ORDER BY window_start\"");
    console.info("./litmeter sql \"SELECT reason, detail, origin FROM litmeter.dead_letters FINAL LIMIT 10\"");
    console.info("Tables: litmeter.rates, litmeter.model_rates, litmeter.tenant_usage, litmeter.samples,"
        + " litmeter.centers, litmeter.device_events, litmeter.dead_letters (see README, section Querying)");
    console.info("");
    console.info("Total %s.", Console.seconds(console.sinceStart()));
    return check.exact() && slices.exact() && deadLettersExact ? 0 : 1;
  }

  /** Nationwide by vendor family: litmeter's rates from litmeter.model_rates next to the truth's. */
  private static List<List<String>> familyTable(ClickHouseSql sql, GroundTruth truth, long windowsInPeriod,
      ReportText words, CliText cli) {
    Map<String, long[]> expected = truthByFamily(truth, WindowTruth::racked, WindowTruth::lit, WindowTruth::occupied);
    List<List<String>> table = new ArrayList<>();
    table.add(cli.header("demo_families"));
    for (ClickHouseSql.Row r : sql.rows("""
        SELECT toString(vendor_family) AS family, sum(racked_device_windows) AS racked,
               sum(lit_device_windows) AS lit, sum(occupied_device_windows) AS occupied
        FROM litmeter.model_rates FINAL WHERE scope = 'nation' AND resolution = '5m'
        GROUP BY family ORDER BY family""")) {
      long[] t = expected.getOrDefault(r.get("family"), new long[3]);
      table.add(List.of(words.family(r.get("family")),
          String.format(Locale.ROOT, "%.1f", (double) r.getLong("racked") / windowsInPeriod),
          pct(r.getLong("lit"), r.getLong("racked")), pct(t[1], t[0]),
          pct(r.getLong("occupied"), r.getLong("racked")), pct(t[2], t[0])));
    }
    return table;
  }

  /** The ground truth's model slices summed by vendor family: one sum per count. */
  @SafeVarargs
  private static Map<String, long[]> truthByFamily(GroundTruth truth, ToLongFunction<WindowTruth>... counts) {
    Map<String, long[]> sums = new TreeMap<>();
    for (WindowTruth w : truth.sliceWindows()) {
      if (w.vendor() != null) {
        long[] s = sums.computeIfAbsent(AcceleratorVendors.catalogue().familyOf(w.vendor()).label(),
            f -> new long[counts.length]);
        for (int i = 0; i < counts.length; i++) {
          s[i] += counts[i].applyAsLong(w);
        }
      }
    }
    return sums;
  }

  /** Nationwide by vendor family: error episodes, dropouts, resets and card-hours per failure, next to the truth's. */
  private static List<List<String>> stabilityTable(ClickHouseSql sql, GroundTruth truth, ReportText words,
      CliText cli) {
    Map<String, long[]> expected = truthByFamily(truth, WindowTruth::racked, w -> w.stability().errorOnsets(),
        w -> w.stability().dropouts());
    List<List<String>> table = new ArrayList<>();
    table.add(cli.header("demo_stability"));
    for (ClickHouseSql.Row r : sql.rows("""
        SELECT toString(vendor_family) AS family, sum(racked_device_windows) AS racked,
               sum(error_episodes) AS episodes, sum(dropouts) AS dropout_count, sum(resets) AS reset_count
        FROM litmeter.model_rates FINAL WHERE scope = 'nation' AND resolution = '5m'
        GROUP BY family ORDER BY family""")) {
      long[] t = expected.getOrDefault(r.get("family"), new long[3]);
      long failures = r.getLong("episodes") + r.getLong("dropout_count");
      table.add(List.of(words.family(r.get("family")), r.get("episodes"), r.get("dropout_count"), r.get("reset_count"),
          failures == 0 ? "-" : String.format(Locale.ROOT, "%.1f", r.getLong("racked") / 12.0 / failures),
          t[1] + t[2] == 0 ? "-" : String.format(Locale.ROOT, "%.1f", t[0] / 12.0 / (t[1] + t[2]))));
    }
    return table;
  }

  /** The five tenants that left the most leased card-hours unlit, nationwide, next to the truth's lit share. */
  private static List<List<String>> tenantTable(ClickHouseSql sql, GroundTruth truth, CliText cli) {
    Map<String, long[]> expected = new TreeMap<>();
    for (WindowTruth w : truth.sliceWindows()) {
      if (w.tenant() != null) {
        long[] sums = expected.computeIfAbsent(w.tenant(), t -> new long[2]);
        sums[0] += w.occupied();
        sums[1] += w.lit();
      }
    }
    List<List<String>> table = new ArrayList<>();
    table.add(cli.header("demo_tenants"));
    for (ClickHouseSql.Row r : sql.rows("""
        SELECT tenant, sum(leased_device_windows) AS leased, sum(lit_device_windows) AS lit,
               sum(leased_card_hours) AS leased_hours, sum(lit_card_hours) AS lit_hours
        FROM litmeter.tenant_usage FINAL WHERE scope = 'nation' AND resolution = '5m'
        GROUP BY tenant ORDER BY leased - lit DESC, tenant LIMIT 5""")) {
      long[] t = expected.getOrDefault(r.get("tenant"), new long[2]);
      table.add(List.of(r.get("tenant"), String.format(Locale.ROOT, "%.1f", r.getDouble("leased_hours")),
          String.format(Locale.ROOT, "%.1f", r.getDouble("lit_hours")), pct(r.getLong("lit"), r.getLong("leased")),
          pct(t[1], t[0])));
    }
    return table;
  }

  private static String describeDeadLetters(Map<String, Long> actual, Map<String, Long> expected) {
    StringBuilder out = new StringBuilder();
    new TreeMap<>(expected).forEach((reason, n) -> out.append(reason).append(' ')
        .append(actual.getOrDefault(reason, 0L)).append(" (").append(n).append(") "));
    actual.keySet().stream().filter(r -> !expected.containsKey(r))
        .forEach(r -> out.append(r).append(' ').append(actual.get(r)).append(" (0) "));
    return out.toString().trim();
  }

  private static String pct(long numerator, long denominator) {
    return denominator == 0 ? "-" : String.format(Locale.ROOT, "%.2f%%", 100.0 * numerator / denominator);
  }

  private static String indent(String text) {
    return text.lines().map(l -> "    " + l).reduce("", (a, b) -> a + b + "\n");
  }
}

package org.litmeter.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.litmeter.dashboards.GrafanaProvisioning.Kind;
import org.litmeter.dashboards.GrafanaProvisioning.Query;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.infra.local.Directories;
import org.litmeter.infra.local.LocalStack;
import org.litmeter.ingest.kafka.RecordProducer;
import org.litmeter.simulation.scenarios.ScenarioSuite;
import org.litmeter.simulation.FleetSimulator;
import org.litmeter.simulation.GroundTruth;
import org.litmeter.simulation.SimulationConfig;
import org.litmeter.simulation.WindowTruth;
import org.litmeter.rates.AcceleratorVendors;
import org.litmeter.jobs.EmbeddedRatesJob;
import org.litmeter.jobs.RatesJobConfig;

/**
 * Every dashboard, variable, annotation and alert query, expanded as Grafana would expand it, and
 * every query of {@code docs/queries.md}, run against a real ClickHouse that the real pipeline
 * (Kafka, the Flink job) filled with two data sets: a simulated fleet whose rates the simulator
 * knows exactly, and a center that games its acceptance period, so that the alert panels, rules and
 * worked questions have something to find.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardQueriesIT {

  private static final Instant FLEET_START = Instant.parse("2026-11-01T00:00:00Z");
  private static final Duration FLEET_DURATION = Duration.ofHours(26);
  private static final Instant FLEET_LAST_SECOND = FLEET_START.plus(FLEET_DURATION).minusSeconds(1);
  private static final String CLIFF_CENTER = "sc-cliff-at-scale";
  private static final int CLIFF_DEVICES = 16;
  /** The scenario suite registers each center with two more planned accelerators than it has. */
  private static final int CLIFF_PLANNED = CLIFF_DEVICES + 2;
  private static final long HOUR_MS = 3_600_000L;
  private static final Pattern NUMERIC = Pattern.compile("(Nullable\\()?(U?Int\\d+|Float\\d+|Decimal.*)\\)?");
  private static final Pattern TIME = Pattern.compile("(Nullable\\()?(DateTime|Date)(\\('[^']*'\\))?\\)?");

  /** A time range and variable values to run every query with. */
  private record Context(String name, Instant from, Instant to, Map<String, String> variables) {
    GrafanaMacros macros() {
      return new GrafanaMacros(from, to, variables);
    }
  }

  private final GrafanaProvisioning grafana = GrafanaProvisioning.load();
  private Path dir;
  private LocalStack stack;
  private ClickHouseSql sql;
  private GroundTruth truth;
  private Context fleetDay;
  private Context cliff;
  private Context wallClock;

  @BeforeAll
  void loadClickHouseThroughThePipeline() throws Exception {
    dir = Files.createTempDirectory("litmeter-dashboards-it-");
    stack = LocalStack.start(dir, true, 2);
    try (RecordProducer producer = new RecordProducer(stack.kafka().bootstrapServers(), "litmeter-dashboards-it")) {
      ScenarioSuite.acceptanceCliffAtScale(7, CLIFF_DEVICES, 215).run(producer::send);
      truth = new FleetSimulator(new SimulationConfig(3, 16, FLEET_START, FLEET_DURATION, Duration.ofSeconds(30), 3,
          SimulationConfig.Faults.realistic())).run(producer::send);
    }
    RatesJobConfig config = RatesJobConfig.defaults().withoutIdleness().withParallelism(2)
        .withCheckpointInterval(Duration.ofSeconds(5));
    EmbeddedRatesJob.start(stack.kafka().bootstrapServers(), stack.clickhouse().endpoint(), "litmeter-dashboards-it",
        true, config, Files.createDirectories(dir.resolve("checkpoints"))).getJobExecutionResult()
        .get(10, TimeUnit.MINUTES);
    sql = new ClickHouseSql(stack.clickhouse().endpoint());

    fleetDay = new Context("the simulated fleet's 26 hours", FLEET_START, FLEET_LAST_SECOND,
        Map.of("center", "c01", "resolution", "1h", "region", "all"));
    cliff = new Context("the cliff center's acceptance period and the weeks after",
        Instant.parse("2025-12-31T00:00:00Z"), Instant.parse("2026-07-20T00:00:00Z"),
        Map.of("center", CLIFF_CENTER, "resolution", "1d", "region", "west"));
    Instant now = Instant.now();
    wallClock = new Context("the last two hours of the wall clock", now.minus(Duration.ofHours(2)),
        now.plus(Duration.ofMinutes(10)), Map.of("center", "c02", "resolution", "5m", "region", "east"));
  }

  @AfterAll
  void stop() throws Exception {
    if (sql != null) {
      sql.close();
    }
    if (stack != null) {
      stack.close();
    }
    Directories.deleteTree(dir);
  }

  @Test
  void everyQueryRunsInEveryContextWithTheColumnsItsPanelNeedsAndReturnsRowsInOne() {
    List<String> problems = new ArrayList<>();
    for (Query q : grafana.queries()) {
      boolean anyRows = false;
      for (Context c : List.of(fleetDay, cliff, wallClock)) {
        ClickHouseSql.Result result;
        try {
          result = sql.query(expand(q, c));
        } catch (RuntimeException e) {
          problems.add(q.where() + " (" + c.name() + "): " + e.getMessage());
          continue;
        }
        String shape = shapeProblem(q, result);
        if (shape != null) {
          problems.add(q.where() + " (" + c.name() + "): " + shape);
        }
        anyRows |= !result.rows().isEmpty();
      }
      if (!anyRows) {
        problems.add(q.where() + ": no rows in any context");
      }
    }
    assertThat(problems).as("queries of %d", grafana.queries().size()).isEmpty();
  }

  @Test
  void everyAlertTheJobWroteHasItsChineseTextForTheChineseDashboards() {
    assertThat(sql.scalarLong("SELECT count() FROM litmeter.alerts FINAL")).as("the fleet has findings").isPositive();
    // identifiers (any token with a digit or a hyphen: devices, centers, tenants) and model names are data
    assertThat(sql.rows("SELECT kind, summary, summary_zh FROM litmeter.alerts FINAL WHERE summary_zh = ''"
        + " OR match(replaceRegexpAll(summary_zh, '[A-Za-z0-9_.-]*[0-9-][A-Za-z0-9_.-]*|NVIDIA|GeForce|Ascend|MiB',"
        + " ''), '[A-Za-z]{3,}')"))
        .as("every alert in Chinese, without English words besides names").isEmpty();
  }

  @Test
  void headlinePanelsEqualTheSimulatorsGroundTruth() {
    List<WindowTruth> windows = truth.windows();
    long racked = windows.stream().mapToLong(WindowTruth::racked).sum();
    long fleetPlanned = truth.plannedByCenter().values().stream().mapToLong(Integer::longValue).sum();
    long baseWindows = FLEET_DURATION.toMinutes() / 5;
    // the nation also counts the cliff center, registered but silent by then
    assertThat(stat("litmeter-regulator / National racked rate", fleetDay))
        .isCloseTo((double) racked / ((fleetPlanned + CLIFF_PLANNED) * baseWindows), within(1e-9));
    assertThat(stat("litmeter-regulator / National lit rate", fleetDay))
        .isCloseTo(ratio(windows, WindowTruth::lit, WindowTruth::racked), within(1e-9));
    assertThat(stat("litmeter-regulator / National occupied rate", fleetDay))
        .isCloseTo(ratio(windows, WindowTruth::occupied, WindowTruth::racked), within(1e-9));

    List<WindowTruth> c01 = windows.stream().filter(w -> w.center().equals("c01")).toList();
    assertThat(stat("litmeter-center / Racked rate", fleetDay)).isCloseTo(
        (double) c01.stream().mapToLong(WindowTruth::racked).sum() / (truth.planned("c01") * baseWindows),
        within(1e-9));
    assertThat(stat("litmeter-center / Lit rate", fleetDay))
        .isCloseTo(ratio(c01, WindowTruth::lit, WindowTruth::racked), within(1e-9));
    assertThat(stat("litmeter-center / Occupied rate", fleetDay))
        .isCloseTo(ratio(c01, WindowTruth::occupied, WindowTruth::racked), within(1e-9));

    long below = truth.plannedByCenter().keySet().stream().filter(center -> {
      long r = windows.stream().filter(w -> w.center().equals(center)).mapToLong(WindowTruth::racked).sum();
      return (double) r / (truth.planned(center) * baseWindows) < 0.65;
    }).count();
    assertThat(stat("litmeter-regulator / Centers below 65% racked", fleetDay))
        .isCloseTo((double) below / truth.plannedByCenter().size(), within(1e-9));
    long[] domestic = new long[2];
    long[] imported = new long[2];
    long[] tenants = new long[2];
    for (WindowTruth w : truth.sliceWindows()) {
      long[] sums = w.tenant() != null ? tenants
          : AcceleratorVendors.catalogue().familyOf(w.vendor()) == AcceleratorVendors.Family.DOMESTIC ? domestic
              : imported;
      sums[0] += w.racked();
      sums[1] += w.lit();
    }
    assertThat(stat("litmeter-chips / Lit rate, domestic chips", fleetDay))
        .isCloseTo((double) domestic[1] / domestic[0], within(1e-9));
    assertThat(stat("litmeter-chips / Lit rate, imported chips", fleetDay))
        .isCloseTo((double) imported[1] / imported[0], within(1e-9));
    assertThat(stat("litmeter-chips / Domestic share of racked chips", fleetDay))
        .isCloseTo((double) domestic[0] / racked, within(1e-9));
    long[] domesticStability = new long[3];
    for (WindowTruth w : truth.sliceWindows()) {
      if (w.vendor() != null
          && AcceleratorVendors.catalogue().familyOf(w.vendor()) == AcceleratorVendors.Family.DOMESTIC) {
        domesticStability[0] += w.stability().errorOnsets() + w.stability().dropouts();
        domesticStability[1] += w.stability().erroring() + w.stability().silentWindows();
        domesticStability[2] += w.stability().silentWindows();
      }
    }
    assertThat(stat("litmeter-chips / Hours between failures, domestic chips", fleetDay))
        .isCloseTo(domestic[0] / 12.0 / domesticStability[0], within(1e-9));
    assertThat(stat("litmeter-chips / Time lost, domestic chips", fleetDay))
        .isCloseTo((double) domesticStability[1] / (domestic[0] + domesticStability[2]), within(1e-9));
    assertThat(stat("litmeter-chips / Leased card-hours left idle", fleetDay))
        .isCloseTo(1 - (double) tenants[1] / tenants[0], within(1e-9));
    assertThat(stat("litmeter-regulator / Figures still preliminary", fleetDay))
        .as("only the live job has published: nothing restated, nothing final").isEqualTo(1.0);
  }

  @Test
  void alertRulesFireWhereTheDataSaysTheyShould() {
    assertThat(firing("litmeter-lit-rate-halved", cliff)).containsExactly(CLIFF_CENTER);
    assertThat(firing("litmeter-lit-rate-halved", fleetDay)).as("26 hours: nothing to compare").isEmpty();
    // the fleet has spin-kernel cards of its own, so its hollow-load alerts fire too
    assertThat(firing("litmeter-sham-load-firing", cliff)).contains(CLIFF_CENTER + ",acceptance_cliff,critical")
        .allMatch(labels -> labels.matches("(" + CLIFF_CENTER + ",(acceptance_\\w+|vanished_device|"
            + "mass_disappearance)|c0\\d,(hollow_load|lit_unoccupied|vanished_device)),\\w+"));
    assertThat(firing("litmeter-center-stale", fleetDay)).isEmpty();
    Context fourHoursLater = new Context("four hours after the fleet stopped", fleetDay.from(),
        fleetDay.to().plus(Duration.ofHours(4)), fleetDay.variables());
    assertThat(firing("litmeter-center-stale", fourHoursLater)).containsExactlyElementsOf(truth.plannedByCenter()
        .keySet().stream().sorted().toList());

    Set<String> lowRacked = new TreeSet<>();
    long from = fleetDay.to().minusSeconds(86_400).toEpochMilli();
    for (String center : truth.plannedByCenter().keySet()) {
      List<WindowTruth> lastDay = truth.windows().stream().filter(w -> w.center().equals(center)
          && hourOf(w.windowStart()) >= from).toList();
      long hours = lastDay.stream().map(w -> hourOf(w.windowStart())).distinct().count();
      double rate = (double) lastDay.stream().mapToLong(WindowTruth::racked).sum() / (truth.planned(center) * hours * 12);
      if (rate < 0.65) {
        lowRacked.add(center);
      }
    }
    assertThat(firing("litmeter-racked-below-65", fleetDay)).containsExactlyElementsOf(lowRacked);
  }

  @Test
  void everyQueryOfTheAnalystsGuideRunsAndTheWorkedQuestionsGetTheRightAnswers() throws Exception {
    Map<String, String> guide = analystQueries();
    assertThat(guide).hasSizeGreaterThanOrEqualTo(5);
    guide.forEach((title, query) -> assertThat(sql.rows(query)).as(title).isNotEmpty());

    assertThat(sql.rows(guide.get("Centers whose lit rate fell by more than half within 30 days after acceptance")))
        .extracting(r -> r.get("center")).containsExactly(CLIFF_CENTER);
    assertThat(sql.rows(guide.get("Tenants whose load ended at acceptance")))
        .extracting(r -> r.get("center") + "/" + r.get("tenant_name")).containsExactly(CLIFF_CENTER + "/vendor");

    Map<String, Double> idleByProvince = new java.util.TreeMap<>();
    for (WindowTruth w : truth.windows()) {
      if (w.windowStart() < FLEET_START.plus(Duration.ofDays(1)).toEpochMilli()) {
        idleByProvince.merge(truth.province(w.center()), (w.racked() - w.lit()) / 288.0, Double::sum);
      }
    }
    for (ClickHouseSql.Row r : sql.rows(guide.get("Provinces by idle-but-racked accelerators"))) {
      assertThat(r.getDouble("idle_racked")).as(r.get("province"))
          .isCloseTo(idleByProvince.getOrDefault(r.get("province"), 0.0), within(0.051));
      idleByProvince.remove(r.get("province"));
    }
    assertThat(idleByProvince).as("provinces missing from the answer").isEmpty();

    // the fleet's month: every province and family, lit and occupied rates exactly the truth's
    Map<String, long[]> byProvinceAndFamily = new java.util.TreeMap<>();
    Map<String, long[]> byCenterAndTenant = new java.util.TreeMap<>();
    for (WindowTruth w : truth.sliceWindows()) {
      if (w.vendor() != null) {
        long[] sums = byProvinceAndFamily.computeIfAbsent(truth.province(w.center()) + "/"
            + AcceleratorVendors.catalogue().familyOf(w.vendor()).label(), k -> new long[3]);
        sums[0] += w.racked();
        sums[1] += w.lit();
        sums[2] += w.occupied();
      } else {
        long[] sums = byCenterAndTenant.computeIfAbsent(w.center() + "/" + w.tenant(), k -> new long[2]);
        sums[0] += w.occupied();
        sums[1] += w.lit();
      }
    }
    assertThat(byProvinceAndFamily.keySet()).anyMatch(k -> k.endsWith("/domestic")).anyMatch(k -> k.endsWith("/imported"));
    Map<String, Double> litByProvinceAndFamily = new java.util.TreeMap<>();
    for (ClickHouseSql.Row r : sql.rows(guide.get("Lit rate of domestic and imported chips by province, month by month"))) {
      if (r.get("month").equals("2026-11-01")) {
        long[] t = byProvinceAndFamily.get(r.get("province") + "/" + r.get("family"));
        assertThat(r.getDouble("occupied_rate")).isCloseTo((double) t[2] / t[0], within(1e-9));
        litByProvinceAndFamily.put(r.get("province") + "/" + r.get("family"), r.getDouble("lit_rate"));
      }
    }
    Map<String, Double> expectedLit = new java.util.TreeMap<>();
    byProvinceAndFamily.forEach((k, t) -> expectedLit.put(k, (double) t[1] / t[0]));
    assertThat(litByProvinceAndFamily).hasSameSizeAs(expectedLit);
    expectedLit.forEach((k, rate) -> assertThat(litByProvinceAndFamily.get(k)).as(k).isCloseTo(rate, within(1e-9)));

    Map<String, long[]> stabilityByModel = new java.util.TreeMap<>();
    for (WindowTruth w : truth.sliceWindows()) {
      if (w.vendor() != null) {
        long[] sums = stabilityByModel.computeIfAbsent(w.slice().substring("model ".length()), k -> new long[12]);
        for (int c = 0; c < 6; c++) {
          sums[6 + c] += w.stability().erroringByClass()[c];
        }
        sums[0] += w.stability().errorOnsets();
        sums[1] += w.stability().dropouts();
        sums[2] += w.stability().resets();
        sums[3] += w.stability().erroring();
        sums[4] += w.stability().silentWindows();
        sums[5] += w.racked();
      }
    }
    Map<String, String> stability = new java.util.TreeMap<>();
    for (ClickHouseSql.Row r : sql.rows(guide.get(
        "Chip models by stability: hours between failures and time lost, in November"))) {
      long[] t = stabilityByModel.get(r.get("vendor") + "/" + r.get("model"));
      assertThat(r.getDouble("time_lost")).isCloseTo((double) (t[3] + t[4]) / (t[5] + t[4]), within(1e-9));
      stability.put(r.get("vendor") + "/" + r.get("model"), r.get("error_episode_count") + " episodes, "
          + r.get("dropout_count") + " dropouts, " + r.get("reset_count") + " resets, by class " + r.get("application")
          + "/" + r.get("memory") + "/" + r.get("interconnect") + "/" + r.get("hardware") + "/" + r.get("firmware")
          + "/" + r.get("unlisted"));
    }
    Map<String, String> expectedStability = new java.util.TreeMap<>();
    stabilityByModel.forEach((k, t) -> expectedStability.put(k, t[0] + " episodes, " + t[1] + " dropouts, " + t[2]
        + " resets, by class " + t[6] + "/" + t[7] + "/" + t[8] + "/" + t[9] + "/" + t[10] + "/" + t[11]));
    assertThat(stability).isEqualTo(expectedStability);
    assertThat(stabilityByModel.values()).as("the fleet's chips crash").anyMatch(t -> t[0] > 0 && t[1] > 0 && t[2] > 0)
        .as("NVIDIA's application errors and the unlisted domestic codes").anyMatch(t -> t[6] > 0)
        .anyMatch(t -> t[11] > 0);

    List<String> idleTenants = new ArrayList<>();
    byCenterAndTenant.forEach((k, t) -> {
      if (t[1] < 0.5 * t[0]) {
        idleTenants.add(k);
      }
    });
    assertThat(sql.rows(guide.get("Tenants paying for cards they leave idle")))
        .extracting(r -> r.get("center") + "/" + r.get("tenant")).filteredOn(k -> !k.startsWith(CLIFF_CENTER))
        .containsExactlyInAnyOrderElementsOf(idleTenants);
  }

  /** The SQL blocks of docs/queries.md by the heading above each. */
  private static Map<String, String> analystQueries() throws java.io.IOException {
    Map<String, String> out = new LinkedHashMap<>();
    String heading = null;
    StringBuilder block = null;
    for (String line : Files.readAllLines(org.litmeter.testkit.SharedData.projectRoot().resolve("docs/queries.md"))) {
      if (block != null) {
        if (line.equals("```")) {
          out.put(heading, block.toString());
          block = null;
        } else {
          block.append(line).append('\n');
        }
      } else if (line.startsWith("#")) {
        heading = line.replaceFirst("^#+\\s*", "");
      } else if (line.equals("```sql")) {
        block = new StringBuilder();
      }
    }
    return out;
  }

  private static long hourOf(long epochMilli) {
    return epochMilli - Math.floorMod(epochMilli, HOUR_MS);
  }

  private static double ratio(List<WindowTruth> windows, ToIntFunction<WindowTruth> num,
      ToIntFunction<WindowTruth> den) {
    return (double) windows.stream().mapToLong(num::applyAsInt).sum() / windows.stream().mapToLong(den::applyAsInt).sum();
  }

  private String expand(Query q, Context c) {
    if (q.kind() == Kind.ALERT) {
      return new GrafanaMacros(c.to().minus(q.alertRange()), c.to(), c.variables()).expand(q.rawSql());
    }
    return c.macros().expand(q.rawSql());
  }

  private Query query(String where) {
    return grafana.queries().stream().filter(q -> q.where().equals(where)).findFirst()
        .orElseThrow(() -> new AssertionError("no query " + where));
  }

  private double stat(String where, Context c) {
    ClickHouseSql.Result result = sql.query(expand(query(where), c));
    assertThat(result.rows()).as(where).hasSize(1);
    return Double.parseDouble(result.rows().get(0).values().values().iterator().next());
  }

  /**
   * The series a rule's threshold fires for, as Grafana forms them: the string columns of each row
   * are its labels (joined with commas here), the numeric column its value.
   */
  @SuppressWarnings("unchecked")
  private List<String> firing(String ruleUid, Context c) {
    Query q = grafana.queries().stream().filter(x -> x.kind() == Kind.ALERT && ruleUid.equals(x.alertRule().get("uid")))
        .findFirst().orElseThrow(() -> new AssertionError("no alert rule " + ruleUid));
    Map<String, Object> threshold = null;
    for (Map<String, Object> data : (List<Map<String, Object>>) q.alertRule().get("data")) {
      Map<String, Object> model = (Map<String, Object>) data.get("model");
      if ("threshold".equals(model.get("type"))) {
        threshold = ((List<Map<String, Map<String, Object>>>) model.get("conditions")).get(0).get("evaluator");
      }
    }
    assertThat(threshold).as(ruleUid + " threshold").isNotNull();
    String type = (String) threshold.get("type");
    double limit = ((Number) ((List<Object>) threshold.get("params")).get(0)).doubleValue();
    ClickHouseSql.Result result = sql.query(expand(q, c));
    List<String> fired = new ArrayList<>();
    for (ClickHouseSql.Row row : result.rows()) {
      List<String> labels = new ArrayList<>();
      double value = Double.NaN;
      for (int i = 0; i < result.columns().size(); i++) {
        String cell = row.get(result.columns().get(i));
        if (NUMERIC.matcher(result.types().get(i)).matches()) {
          value = Double.parseDouble(cell);
        } else {
          labels.add(cell);
        }
      }
      if (type.equals("gt") ? value > limit : value < limit) {
        fired.add(String.join(",", labels));
      }
    }
    fired.sort(null);
    return fired;
  }

  /** What is wrong with a result for the panel that shows it, or null. */
  private static String shapeProblem(Query q, ClickHouseSql.Result r) {
    List<String> types = r.types();
    long numeric = types.stream().filter(t -> NUMERIC.matcher(t).matches()).count();
    Map<String, String> columns = new LinkedHashMap<>();
    for (int i = 0; i < r.columns().size(); i++) {
      columns.put(r.columns().get(i), types.get(i));
    }
    return switch (q.kind()) {
      case VARIABLE -> r.columns().size() == 1 ? null : "a variable query returns one column: " + columns;
      case ANNOTATION -> TIME.matcher(columns.getOrDefault("time", "")).matches()
          && TIME.matcher(columns.getOrDefault("timeEnd", "")).matches() && columns.containsKey("text")
          ? null : "an annotation needs time, timeEnd and text: " + columns;
      case ALERT -> numeric == 1 ? null : "an alert query returns exactly one number per row: " + columns;
      case PANEL -> switch (q.panelType()) {
        case "timeseries" -> r.columns().get(0).equals("time") && TIME.matcher(types.get(0)).matches() && numeric > 0
            ? null : "a time series needs a first column time and numbers: " + columns;
        case "stat" -> numeric > 0 && r.rows().size() <= 1 ? null : "a stat needs one row of numbers: " + columns;
        default -> r.columns().isEmpty() ? "a table needs columns" : null;
      };
    };
  }
}

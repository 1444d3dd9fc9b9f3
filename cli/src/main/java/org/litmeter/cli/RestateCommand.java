package org.litmeter.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.litmeter.schema.Durations;
import org.litmeter.infra.clickhouse.ClickHouseEndpoint;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.jobs.RatesJobConfig;
import org.litmeter.jobs.Restater;
import org.litmeter.rates.RestatementPlanner.Reason;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Computes windows again from the stored samples: on demand, as a backfill, or whatever is due. */
@Command(name = "restate", mixinStandardHelpOptions = true,
    description = {"Compute rates (and with --backfill, detector findings) again from the samples stored in"
        + " ClickHouse, and publish them under a new revision: the live job's preliminary rows are replaced,"
        + " every revision stays in litmeter.rates_history, and litmeter.restatements records each run.",
        "With --from/--to: those whole days (China Standard Time), for every center or the --center ones (and"
        + " their province, region and the nation). Without: what is due now (days with late samples,"
        + " preliminary days past their revision period, interrupted restatements), once or, with --watch,"
        + " every --interval. ./litmeter up runs the latter by itself.",
        "Only windows the live job has closed are restated. Kafka is read for inventory, leases and the registry."})
class RestateCommand implements Callable<Integer> {

  @Mixin KafkaClusterOptions kafka;

  /** Writes as litmeter_writer unless --clickhouse-user says otherwise. */
  @Mixin ClickHouseOptions clickhouse;

  @Option(names = "--from", description = "First day (2026-06-01, China Standard Time) or instant (ISO-8601)")
  String from;

  @Option(names = "--to", description = "Last day, inclusive (2026-06-30), or an instant (exclusive)")
  String to;

  @Option(names = "--center", description = "Only this center's rows and its province, region and nation (repeatable)")
  List<String> centers = List.of();

  @Option(names = "--backfill", description = "A center's history: also publish the detectors' findings")
  boolean backfill;

  @Option(names = "--watch", description = "Keep running what is due, every --interval, until Ctrl-C")
  boolean watch;

  @Option(names = "--interval", defaultValue = "30s", description = "How often --watch looks (default: ${DEFAULT-VALUE})")
  String interval;

  @Option(names = "--revision-period", defaultValue = "7d",
      description = "How long after a window's end its rows stay preliminary (default: ${DEFAULT-VALUE})")
  String revisionPeriod;

  @Mixin ParallelismOption parallelism;

  @Override
  public Integer call() throws Exception {
    if ((from == null) != (to == null)) {
      System.err.println("give both --from and --to, or neither (to run what is due)");
      return 2;
    }
    if (from == null && (backfill || !centers.isEmpty())) {
      System.err.println("a backfill and --center need --from and --to");
      return 2;
    }
    ClickHouseEndpoint endpoint = clickhouse.endpoint("litmeter_writer");
    RatesJobConfig config = RatesJobConfig.defaults().withParallelism(parallelism.value)
        .withRevisionPeriod(Durations.parse(revisionPeriod));
    Path work = Files.createDirectories(Litmeter.home().resolve("restatements"));
    Restater restater = new Restater(kafka.connection(), endpoint, config, work, Restater.DEFAULT_MAX_DAYS, Restater.DEFAULT_SETTLE);
    Console console = new Console();
    if (from != null) {
      long start = parseFrom(from);
      long end = parseTo(to);
      if (end <= start) {
        System.err.println("--to must be after --from");
        return 2;
      }
      console.step("Restating " + Instant.ofEpochMilli(start) + " to " + Instant.ofEpochMilli(end));
      print(console, List.of(restater.restate(start, end, new LinkedHashSet<>(centers),
          backfill ? Reason.BACKFILL : Reason.ON_DEMAND)));
    } else if (!watch) {
      console.step("Restating what is due");
      print(console, restater.runDue());
    } else {
      watch(console, restater, Durations.parse(interval));
    }
    try (ClickHouseSql sql = new ClickHouseSql(endpoint)) {
      console.step("Newest restatements (litmeter.restatements)");
      SqlCommand.print(Restater.history(sql, 10));
    }
    return 0;
  }

  private static void watch(Console console, Restater restater, Duration every) throws Exception {
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
    console.step("Restating what is due every " + Durations.format(every) + " until Ctrl-C");
    do {
      print(console, restater.runDue());
    } while (!stop.await(every.toMillis(), TimeUnit.MILLISECONDS));
  }

  /** One line per restatement, for people. */
  static void print(Console console, List<Restater.Result> results) {
    if (results.isEmpty()) {
      console.info("nothing to restate");
    }
    for (Restater.Result r : results) {
      console.info("revision %d (%s): %s to %s, windows up to %s, %s: %,d samples read, %,d rows written in %s",
          r.revision(), r.reason().label(), Instant.ofEpochMilli(r.fromMillis()), Instant.ofEpochMilli(r.toMillis()),
          Instant.ofEpochMilli(r.writtenToMillis()), r.centers().isEmpty() ? "all centers" : String.join(", ",
              r.centers()), r.samplesRead(), r.rowsWritten(), Console.seconds(Duration.ofMillis(r.millis())));
    }
  }

  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

  static long parseFrom(String text) {
    return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(CHINA).toInstant().toEpochMilli()
        : OffsetDateTime.parse(text).toInstant().toEpochMilli();
  }

  static long parseTo(String text) {
    return text.length() == 10 ? LocalDate.parse(text).plusDays(1).atStartOfDay(CHINA).toInstant().toEpochMilli()
        : OffsetDateTime.parse(text).toInstant().toEpochMilli();
  }
}

package org.litmeter.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.litmeter.infra.clickhouse.ClickHouseEndpoint;
import org.litmeter.infra.kafka.KafkaConnection;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.rates.Publication;
import org.litmeter.rates.RestatementPlanner;
import org.litmeter.rates.RestatementPlanner.Reason;
import org.litmeter.rates.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs restatements and keeps their record in {@code litmeter.restatements}: on demand (a range,
 * optionally some centers), or as planned by {@link RestatementPlanner} from what ClickHouse holds
 * ({@link #runDue}): days with late samples, days whose revision period has passed, and first of all
 * any restatement that was interrupted, which runs again under its own revision so that its rows
 * replace themselves. Each restatement is a bounded {@link RestatementJob} on a MiniCluster in this
 * JVM. One restater per ClickHouse database: revisions are numbered from the table.
 */
public final class Restater {

  private static final Logger LOG = LoggerFactory.getLogger(Restater.class);
  private static final long DAY = 86_400_000L;
  /** Late samples recorded this long before a restatement was requested are surely in it, by default. */
  public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(60);
  /** The longest range one restatement covers, by default: a month. */
  public static final int DEFAULT_MAX_DAYS = 31;

  /** What one restatement did. */
  public record Result(long revision, Reason reason, long fromMillis, long toMillis, long writtenToMillis,
      Set<String> centers, long samplesRead, long rowsWritten, long millis) {}

  private final KafkaConnection kafka;
  private final ClickHouseEndpoint clickhouse;
  private final RatesJobConfig config;
  private final Path workDir;
  private final LongSupplier clock;
  private final RestatementPlanner planner;

  /**
   * @param clickhouse the writer's endpoint (reads samples and rates, writes rates and the record)
   * @param workDir checkpoints of the bounded runs
   * @param maxDays longest range one restatement covers
   * @param settle how long a late sample may take to reach the samples table after its dead letter
   *     reached ClickHouse (a few checkpoint intervals): late samples recorded that long before a
   *     restatement was requested may have missed it, and their day is restated again
   */
  public Restater(KafkaConnection kafka, ClickHouseEndpoint clickhouse, RatesJobConfig config, Path workDir, int maxDays,
      Duration settle) {
    this(kafka, clickhouse, config, workDir, maxDays, settle, System::currentTimeMillis);
  }

  Restater(KafkaConnection kafka, ClickHouseEndpoint clickhouse, RatesJobConfig config, Path workDir, int maxDays,
      Duration settle, LongSupplier clock) {
    this.kafka = kafka;
    this.clickhouse = clickhouse;
    this.config = config;
    this.workDir = workDir;
    this.clock = clock;
    this.planner = new RestatementPlanner(config.dayOffset(), maxDays, settle.toMillis());
  }

  /**
   * Runs {@link #runDue} every {@code every} on a thread of its own until the returned handle is
   * closed, handing each pass's results, or its failure, to the callbacks.
   */
  public AutoCloseable runDueEvery(Duration every, Consumer<List<Result>> results, Consumer<Exception> failures) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "restater");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(() -> {
      try {
        results.accept(runDue());
      } catch (Exception e) {
        failures.accept(e);
      }
    }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    return () -> {
      timer.shutdownNow();
      timer.awaitTermination(1, TimeUnit.MINUTES);
    };
  }

  /** Runs what is due now: interrupted restatements first, then what the planner finds. */
  public List<Result> runDue() throws Exception {
    List<Result> results = new ArrayList<>();
    try (ClickHouseSql sql = new ClickHouseSql(clickhouse)) {
      for (Recorded r : interrupted(sql)) {
        LOG.info("restatement {} was interrupted; running it again", r.revision());
        results.add(run(sql, r, "interrupted, run again"));
      }
      long horizon = horizon(sql);
      if (horizon == Long.MAX_VALUE) {
        // the live job has closed no window yet: late samples wait until it has, or they would
        // restate windows it is still to publish
        return results;
      }
      for (RestatementPlanner.Range range : planner.plan(newestLateByDay(sql), preliminaryPastPeriod(sql),
          done(sql), horizon)) {
        if (range.writtenToMillis() <= range.fromMillis()) {
          continue;
        }
        results.add(run(sql, new Recorded(nextRevision(sql), range.reason(), range.fromMillis(), range.toMillis(),
            range.writtenToMillis(), Set.of(), clock.getAsLong()), "planned"));
      }
    }
    return results;
  }

  /**
   * Restates whole days from the one {@code fromMillis} falls in to the one before {@code toMillis}
   * ends (exclusive), for {@code centers} (empty: all), up to the live job's horizon (the whole
   * range where no live job has published anything). The same request after an interrupted one
   * runs that one again, under its revision.
   */
  public Result restate(long fromMillis, long toMillis, Set<String> centers, Reason reason) throws Exception {
    long from = planner.dayStart(fromMillis);
    long to = planner.dayStart(toMillis - 1) + DAY;
    try (ClickHouseSql sql = new ClickHouseSql(clickhouse)) {
      Set<String> unknown = new TreeSet<>(centers);
      unknown.removeAll(scopesOf(sql, centers).centers());
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException("not in the registry (litmeter.centers): " + String.join(", ", unknown));
      }
      for (Recorded r : interrupted(sql)) {
        if (r.from() == from && r.to() == to && r.reason() == reason && r.centers().equals(centers)) {
          LOG.info("restatement {} of the same request was interrupted; running it again", r.revision());
          return run(sql, r, "interrupted, run again");
        }
      }
      return run(sql, new Recorded(nextRevision(sql), reason, from, to, Math.min(to, horizon(sql)), centers,
          clock.getAsLong()), "requested");
    }
  }

  /** A restatement as {@code litmeter.restatements} records it. */
  private record Recorded(long revision, Reason reason, long from, long to, long writtenTo, Set<String> centers,
      long requestedAt) {}

  private static List<Recorded> interrupted(ClickHouseSql sql) {
    List<Recorded> out = new ArrayList<>();
    for (ClickHouseSql.Row r : sql.rows("""
        SELECT revision, reason, toUInt64(from_time) * 1000 AS from_ms, toUInt64(to_time) * 1000 AS to_ms,
               toUInt64(written_to) * 1000 AS written_ms, arrayStringConcat(centers, '\t') AS centers,
               toUInt64(requested_at) * 1000 AS requested_ms
        FROM litmeter.restatements FINAL WHERE state = 'running' ORDER BY revision""")) {
      Set<String> centers = r.get("centers").isEmpty() ? Set.of() : Set.of(r.get("centers").split("\t"));
      out.add(new Recorded(r.getLong("revision"), Reason.valueOf(r.get("reason").toUpperCase(Locale.ROOT)),
          r.getLong("from_ms"), r.getLong("to_ms"), r.getLong("written_ms"), centers, r.getLong("requested_ms")));
    }
    return out;
  }

  /**
   * Runs a restatement and keeps its record up to date. An interrupted one is run again as it was
   * recorded (same revision, range and horizon), so that its rows replace themselves.
   */
  private Result run(ClickHouseSql sql, Recorded r, String detail) throws Exception {
    long started = clock.getAsLong();
    record(sql, r, "running", null, 0, 0, detail);
    LOG.info("restatement {} ({}): [{}, {}) written to {}, centers {}", r.revision(), r.reason().label(),
        Instant.ofEpochMilli(r.from()), Instant.ofEpochMilli(r.to()), Instant.ofEpochMilli(r.writtenTo()),
        r.centers().isEmpty() ? "all" : r.centers());
    Publication publication = new Publication(r.revision(), r.from(), r.writtenTo(), scopesOf(sql, r.centers()).keys(),
        r.reason() == Reason.BACKFILL);
    try {
      RestatementJob.startEmbedded(kafka, clickhouse, config, publication,
          Files.createDirectories(workDir.resolve("restatement-" + r.revision()))).getJobExecutionResult().get();
    } catch (Exception e) {
      record(sql, r, "failed", clock.getAsLong(), 0, 0, String.valueOf(e.getMessage()));
      throw e;
    }
    long samples = sql.scalarLong("SELECT count() FROM litmeter.samples FINAL WHERE event_time >= toDateTime("
        + r.from() / 1000 + ") AND event_time <= toDateTime(" + r.writtenTo() / 1000 + ") AND event_time_ms >= "
        + r.from() + " AND event_time_ms < " + r.writtenTo());
    long rows = sql.scalarLong("SELECT uniqExact(scope, scope_id, resolution, window_start) FROM "
        + "litmeter.rates_history WHERE revision = " + r.revision());
    long finished = clock.getAsLong();
    record(sql, r, "done", finished, samples, rows, detail);
    return new Result(r.revision(), r.reason(), r.from(), r.to(), r.writtenTo(), r.centers(), samples, rows,
        finished - started);
  }

  private static void record(ClickHouseSql sql, Recorded r, String state, Long finishedAt, long samples, long rows,
      String detail) {
    StringBuilder centers = new StringBuilder("[");
    for (String c : new TreeSet<>(r.centers())) {
      centers.append(centers.length() > 1 ? ", " : "").append(ClickHouseSql.quote(c));
    }
    centers.append(']');
    sql.execute("INSERT INTO litmeter.restatements (revision, reason, from_time, to_time, written_to, centers, state,"
        + " requested_at, finished_at, samples_read, rows_written, detail, version) SELECT " + r.revision() + ", '"
        + r.reason().label() + "', toDateTime(" + r.from() / 1000 + "), toDateTime(" + r.to() / 1000 + "), toDateTime("
        + r.writtenTo() / 1000 + "), " + (r.centers().isEmpty() ? "emptyArrayString()" : centers) + ", '" + state
        + "', toDateTime(" + r.requestedAt() / 1000 + "), "
        + (finishedAt == null ? "NULL" : "toDateTime(" + finishedAt / 1000 + ")") + ", " + samples + ", " + rows
        + ", " + ClickHouseSql.quote(detail) + ", " + nextVersion());
  }

  private static final AtomicLong LAST_VERSION = new AtomicLong();

  /** Versions of the record's rows: increasing within this JVM, and with the wall clock across them. */
  private static long nextVersion() {
    return LAST_VERSION.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis() * 1000));
  }

  private static long nextRevision(ClickHouseSql sql) {
    return sql.scalarLong("SELECT max(revision) + 1 FROM litmeter.restatements");
  }

  /**
   * End of the newest window the live job has published; without live rows, no limit. Read from the
   * history: in the rates, a restated row replaces the live one once ClickHouse merges.
   */
  private static long horizon(ClickHouseSql sql) {
    long seconds = sql.scalarLong("SELECT toUInt64(max(window_end)) FROM litmeter.rates_history WHERE revision = 0");
    return seconds == 0 ? Long.MAX_VALUE : seconds * 1000;
  }

  private Map<Long, Long> newestLateByDay(ClickHouseSql sql) {
    long offset = config.dayOffset().getTotalSeconds();
    Map<Long, Long> out = new HashMap<>();
    for (ClickHouseSql.Row r : sql.rows("""
        SELECT intDiv(toUInt64(assumeNotNull(event_time)) + %d, 86400) AS day,
               max(toUInt64(recorded_at)) * 1000 AS newest
        FROM litmeter.dead_letters
        WHERE reason = 'LATE' AND event_time IS NOT NULL
        GROUP BY day""".formatted(offset))) {
      out.put((r.getLong("day") * 86_400 - offset) * 1000, r.getLong("newest"));
    }
    return out;
  }

  private Set<Long> preliminaryPastPeriod(ClickHouseSql sql) {
    Set<Long> days = new TreeSet<>();
    long periodSeconds = config.revisionPeriod().toSeconds();
    for (ClickHouseSql.Row r : sql.rows("""
        SELECT toUInt64(window_start) * 1000 AS start, argMax(status, revision) AS newest
        FROM litmeter.rates
        WHERE scope = 'nation' AND resolution = '1d' AND toUInt64(window_end) + %d <= toUInt64(now())
        GROUP BY window_start
        HAVING newest = 'preliminary'""".formatted(periodSeconds))) {
      days.add(r.getLong("start"));
    }
    return days;
  }

  private static List<RestatementPlanner.Done> done(ClickHouseSql sql) {
    List<RestatementPlanner.Done> done = new ArrayList<>();
    for (ClickHouseSql.Row r : sql.rows("""
        SELECT toUInt64(from_time) * 1000 AS f, toUInt64(to_time) * 1000 AS t, toUInt64(written_to) * 1000 AS w,
               toUInt64(requested_at) * 1000 AS q
        FROM litmeter.restatements FINAL WHERE state = 'done' AND empty(centers)""")) {
      done.add(new RestatementPlanner.Done(r.getLong("f"), r.getLong("t"), r.getLong("w"), r.getLong("q")));
    }
    return done;
  }

  /** The centers asked for that are registered, and the scope keys of their rows and rollups. */
  private record Scopes(Set<String> centers, Set<String> keys) {}

  private static Scopes scopesOf(ClickHouseSql sql, Set<String> centers) {
    if (centers.isEmpty()) {
      return new Scopes(Set.of(), Set.of());
    }
    Set<String> found = new TreeSet<>();
    Set<String> keys = new LinkedHashSet<>();
    StringBuilder in = new StringBuilder();
    for (String c : centers) {
      in.append(in.length() > 0 ? ", " : "").append(ClickHouseSql.quote(c));
    }
    for (ClickHouseSql.Row r : sql.rows("SELECT center_id, argMax(province, updated_at) AS province, "
        + "toString(argMax(region, updated_at)) AS region FROM litmeter.centers WHERE center_id IN (" + in
        + ") GROUP BY center_id")) {
      found.add(r.get("center_id"));
      keys.add(Scope.CENTER.label() + "/" + r.get("center_id"));
      keys.add(Scope.PROVINCE.label() + "/" + r.get("province"));
      keys.add(Scope.REGION.label() + "/" + r.get("region"));
    }
    keys.add(Scope.NATION.label() + "/" + Scope.NATIONAL);
    return new Scopes(found, keys);
  }

  /** The restatements recorded, newest first, for people. */
  public static ClickHouseSql.Result history(ClickHouseSql sql, int limit) {
    return sql.query("""
        SELECT revision, reason, state, from_time, to_time, written_to, centers, requested_at, finished_at,
               samples_read, rows_written, detail
        FROM litmeter.restatements FINAL ORDER BY revision DESC LIMIT %d""".formatted(limit));
  }
}

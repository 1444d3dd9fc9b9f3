package org.litmeter.benchmarks.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.infra.kafka.KafkaConnection;
import org.litmeter.infra.flink.FlinkRestClient;
import org.litmeter.infra.flink.StateBackend;
import org.litmeter.infra.local.LocalFlinkCluster;
import org.litmeter.infra.local.LocalStack;
import org.litmeter.ingest.kafka.RecordProducer;
import org.litmeter.ingest.kafka.TopicReader;
import org.litmeter.simulation.scenarios.ScenarioSuite;
import org.litmeter.simulation.FleetSimulator;
import org.litmeter.simulation.SimulationConfig;
import org.litmeter.jobs.EmbeddedRatesJob;
import org.litmeter.jobs.RatesJob;
import org.litmeter.jobs.SamplesOnlyJob;
import org.litmeter.jobs.RatesJobConfig;
import org.litmeter.jobs.RestatementJob;
import org.litmeter.rates.Publication;
import org.litmeter.rates.Resolution;
import org.litmeter.schema.AvroCodec;
import org.litmeter.schema.GpuSample;
import org.litmeter.schema.Topics;

/** The measurements of {@code ./litmeter bench}, each printing as it goes and returning summary lines. */
public final class Benchmarks {

  private static final int PIPELINE_PASSES = 4;

  private final LocalStack stack;
  private final Printer out;
  private final Path checkpoints;
  private final int parallelism;
  /** Seed of every simulated fleet. */
  private final long seed;
  /** The job's configuration in every run: the defaults on the chosen state backend. */
  private final RatesJobConfig base;
  private double pipelineRate;

  /**
   * @param stateBackend of the embedded runs and the cluster
   * @param seed of every simulated fleet
   */
  public Benchmarks(LocalStack stack, Printer out, Path checkpoints, int parallelism, StateBackend stateBackend,
      long seed) {
    this.stack = stack;
    this.out = out;
    this.checkpoints = checkpoints;
    this.parallelism = parallelism;
    this.seed = seed;
    this.base = RatesJobConfig.defaults().withStateBackend(stateBackend);
  }

  /** What the benchmarks print through: the command line's console. */
  public interface Printer {
    void step(String what);

    void info(String format, Object... args);
  }

  /** What a live-fleet run printed, and its newest checkpoint. */
  public record LiveFleet(List<String> lines, int devices, long checkpointBytes) {}

  /**
   * Freshness and state of a live fleet of {@code centers} x {@code devicesPerCenter} GPUs at a
   * 30 s cadence, its clock 60 times the wall clock, for {@code wall}; the job runs unbounded.
   */
  public LiveFleet liveFleet(Duration wall, int centers, int devicesPerCenter) throws Exception {
    out.step(String.format(Locale.ROOT, "A live fleet of %d x %d GPUs at 60x speed, %d s, job running unbounded"
        + " (windows closing in the first 35 s, while the quiet topics are not yet idle, are not counted)",
        centers, devicesPerCenter, wall.toSeconds()));
    FreshnessProbe.Result r = FreshnessProbe.measure(stack, wall, centers, devicesPerCenter, 60, checkpoints, base);
    String line = String.format(Locale.ROOT,
        "freshness (window can close -> its row visible in ClickHouse): p50 %d ms, p99 %d ms, max %d ms"
            + " over %d center windows (%d devices, %.0f samples/s live)",
        r.percentile(0.5), r.percentile(0.99), r.percentile(1.0), r.latenciesMillis().size(), r.devices(),
        r.samplesPerSecond());
    out.info("%s", line);
    String state = String.format(Locale.ROOT, "state: newest checkpoint %,d bytes for %d devices = %,d bytes per"
        + " device (every operator's state, sinks and sources included: an upper bound)", r.checkpointBytes(),
        r.devices(), r.checkpointBytes() / r.devices());
    out.info("%s", state);
    return new LiveFleet(List.of(line, state), r.devices(), r.checkpointBytes());
  }

  /**
   * What each further device adds to the checkpoint, from two fleets of different size: the state
   * that does not grow with the fleet (operators, Kafka offsets, sink buffers, per-center state of
   * a few centers) cancels out.
   */
  public static String stateGrowth(LiveFleet small, LiveFleet large) {
    return String.format(Locale.ROOT, "state per further device: (%,d - %,d bytes) / (%d - %d devices) = %,d bytes",
        large.checkpointBytes(), small.checkpointBytes(), large.devices(), small.devices(),
        (large.checkpointBytes() - small.checkpointBytes()) / (large.devices() - small.devices()));
  }

  public List<String> scrape(int targets, Duration interval, Duration duration) throws Exception {
    out.step(String.format(Locale.ROOT, "Scraping %d fake 8-GPU dcgm-exporter hosts every %d s for %d s", targets,
        interval.toSeconds(), duration.toSeconds()));
    ScrapeLoad.Result r = ScrapeLoad.measure(stack.kafka().bootstrapServers(), targets, interval, duration);
    String line = String.format(Locale.ROOT, "scrape: %d targets every %d s: %,.0f samples/s produced (%,d of %,d"
            + " expected), scraper CPU %.2f cores", r.targets(), r.interval().toSeconds(), r.samplesPerSecond(),
        r.producedSamples(), r.expectedSamples(), r.cpuCores());
    out.info("%s", line);
    return List.of(line);
  }

  public List<String> throughput(int centers, int gpus, Duration hours) throws Exception {
    List<String> summary = new ArrayList<>();
    out.step(String.format(Locale.ROOT, "Producing %d centers x %d GPUs x %d h at a 30 s cadence", centers, gpus,
        hours.toHours()));
    produce(SimulationConfig.of(centers, gpus, hours, seed).withFaults(SimulationConfig.Faults.none()));

    out.step("Raw Kafka consume + Avro decode of the telemetry topic, " + parallelism + " threads: the ceiling");
    RawConsumeRate.Result raw = null;
    for (int pass = 1; pass <= 2; pass++) {
      RawConsumeRate.Result r = RawConsumeRate.measure(stack.kafka().bootstrapServers(), Topics.TELEMETRY.name(),
          parallelism);
      out.info("pass %d: %,d records in %.1f s: %,.0f records/s (%d failed to decode)", pass, r.records(),
          r.elapsed().toMillis() / 1000.0, r.perSecond(), r.failures());
      raw = raw == null || r.perSecond() > raw.perSecond() ? r : raw;
    }
    summary.add(String.format(Locale.ROOT, "raw consume + decode: %,.0f samples/s (%d threads, best of 2)",
        raw.perSecond(), parallelism));

    out.step("The rates job on the same records, Kafka -> Flink MiniCluster -> ClickHouse, parallelism " + parallelism);
    // each run starts a MiniCluster of its own, and the JIT keeps compiling its start-up and runtime code for
    // several runs: the rate climbs until about the fourth (docs/benchmarks.md); a TaskManager that runs one
    // job for days is past this
    out.info("pass 1 warms the JIT up; the best of passes 2-%d is the measurement; every pass writes every table",
        PIPELINE_PASSES);
    double steadyRate = 0;
    for (int pass = 1; pass <= PIPELINE_PASSES; pass++) {
      JobTiming t = runJob(pass);
      double rate = raw.records() / t.fromRunning();
      if (pass > 1) {
        steadyRate = Math.max(steadyRate, rate);
      }
      out.info("pass %d: %,d samples, %.1f s from submission (%,.0f samples/s), %.1f s from RUNNING (%,.0f samples/s)",
          pass, raw.records(), t.fromSubmission(), raw.records() / t.fromSubmission(), t.fromRunning(), rate);
    }
    pipelineRate = steadyRate;
    out.info("= %.0f%% of the raw consume + decode rate", 100 * steadyRate / raw.perSecond());

    out.step("The floor under any rates design: a job that only decodes, validates and writes the samples table");
    double samplesOnly = 0;
    for (int pass = 1; pass <= 2; pass++) {
      JobTiming t = timed(samplesOnlyJob(pass));
      samplesOnly = raw.records() / t.fromRunning();
      out.info("pass %d: %,d samples in %.1f s from RUNNING: %,.0f samples/s", pass, raw.records(), t.fromRunning(),
          samplesOnly);
    }
    out.info("= %.0f%% of the raw consume + decode rate", 100 * samplesOnly / raw.perSecond());
    summary.add(String.format(Locale.ROOT, "samples table only (no rates): %,.0f samples/s = %.0f%% of the raw rate",
        samplesOnly, 100 * samplesOnly / raw.perSecond()));
    summary.add(String.format(Locale.ROOT, "pipeline end to end: %,.0f samples/s from RUNNING, warm"
        + " (best of passes 2-" + PIPELINE_PASSES + ") = %.0f%% of the raw rate", steadyRate,
        100 * steadyRate / raw.perSecond()));

    out.step("ClickHouse insert rate: samples in RowBinary batches of 50,000, one stream");
    List<GpuSample> rows = firstSamples(500_000);
    ClickHouseInsertRate.Result insert = ClickHouseInsertRate.measure(stack.clickhouse().endpoint(), rows, 50_000);
    out.info("%,d rows in %.1f s: %,.0f rows/s", insert.rows(), insert.elapsed().toMillis() / 1000.0,
        insert.perSecond());
    summary.add(String.format(Locale.ROOT, "ClickHouse insert: %,.0f rows/s (samples table, one stream)",
        insert.perSecond()));
    return summary;
  }

  /**
   * The packaged job on a multi-process cluster (a JobManager and two TaskManagers of two slots,
   * each its own JVM) at each parallelism, over the same records: how throughput grows with
   * parallelism. A first run at the largest parallelism warms the TaskManagers' JIT up.
   */
  public List<String> clusterScaling(int centers, int gpus, Duration hours, List<Integer> parallelisms, Path jobJar,
      Path clusterDir) throws Exception {
    out.step(String.format(Locale.ROOT, "The packaged job on a multi-process Flink cluster (JobManager + 2 TaskManagers"
        + " x 2 slots) at parallelism %s: %d centers x %d GPUs x %d h", parallelisms, centers, gpus, hours.toHours()));
    long samples = produce(SimulationConfig.of(centers, gpus, hours, seed).withFaults(SimulationConfig.Faults.none()));
    List<String> summary = new ArrayList<>();
    try (LocalFlinkCluster cluster = LocalFlinkCluster.start(clusterDir, 2, 2, base.stateBackend())) {
      FlinkRestClient rest = cluster.rest();
      String jarId = rest.uploadJar(jobJar);
      List<Integer> runs = new ArrayList<>();
      runs.add(parallelisms.stream().max(Integer::compare).orElseThrow());
      runs.addAll(parallelisms);
      for (int run = 0; run < runs.size(); run++) {
        int p = runs.get(run);
        String jobId = rest.run(jarId, RatesJob.class.getName(), RatesJob.mainArguments(stack.kafka().bootstrapServers(),
            stack.clickhouse().endpoint().url(), "default", "litmeter-bench-cluster-" + run, p, Duration.ofSeconds(10),
            cluster.checkpoints().toUri().toString(), true), p, null);
        rest.awaitState(jobId, Duration.ofMinutes(30), "FINISHED");
        Map<String, Long> entered = rest.stateTimestamps(jobId);
        double seconds = (entered.get("FINISHED") - entered.get("RUNNING")) / 1000.0;
        String line = String.format(Locale.ROOT, "cluster, parallelism %d: %,d samples in %.1f s from RUNNING:"
            + " %,.0f samples/s", p, samples, seconds, samples / seconds);
        out.info("%s%s", run == 0 ? "(warm-up) " : "", line);
        if (run > 0) {
          summary.add(line);
        }
      }
    }
    return summary;
  }

  /**
   * One center of {@code devices} GPUs, about {@code samples} telemetry records of it, through the
   * packaged job on a multi-process cluster on each state backend ({@link CenterScaleSweep}).
   */
  public List<CenterScaleSweep.Result> centerSweep(int devices, long samples, Path jobJar, Path clusterDir)
      throws Exception {
    long hours = Math.max(1, Math.round(samples / (devices * 120.0)));
    out.step(String.format(Locale.ROOT, "One center of %,d GPUs, %d h at a 30 s cadence, on a multi-process cluster"
        + " (2 TaskManagers x 1 slot, parallelism 2), each state backend", devices, hours));
    long produced = produce(SimulationConfig.of(1, devices, Duration.ofHours(hours), seed)
        .withFaults(SimulationConfig.Faults.none()));
    List<CenterScaleSweep.Result> results = new ArrayList<>();
    for (StateBackend backend : StateBackend.values()) {
      CenterScaleSweep.Result r = CenterScaleSweep.measure(stack.kafka().bootstrapServers(),
          stack.clickhouse().endpoint().url(), jobJar, clusterDir.resolve(backend.name().toLowerCase(Locale.ROOT)),
          backend, devices, produced);
      out.info("%s, %,d devices: %,.0f samples/s, %.1f µs CPU per sample, %,d state bytes per device, checkpoints"
              + " p50 %d ms max %d ms (%d), recovery after SIGKILL: running again in %d ms, next checkpoint in %d ms",
          backend.name().toLowerCase(Locale.ROOT), devices, r.samplesPerSecond(), r.cpuMicrosPerSample(),
          r.stateBytesPerDevice(), r.checkpointMillisP50(), r.checkpointMillisMax(), r.checkpointMillis().size(),
          r.toRunningMillis(), r.toCheckpointMillis());
      results.add(r);
    }
    return results;
  }

  /** Simulates and produces a fleet; returns the telemetry records sent. */
  private long produce(SimulationConfig sim) throws Exception {
    long produceStart = System.nanoTime();
    long telemetry;
    try (RecordProducer producer = new RecordProducer(stack.kafka().bootstrapServers(), "litmeter-bench",
        64L * 1024 * 1024)) {
      long[] count = new long[1];
      new FleetSimulator(sim).run(e -> {
        producer.send(e);
        if (e.topic().equals(Topics.TELEMETRY)) {
          count[0]++;
        }
      });
      producer.flush();
      telemetry = count[0];
    }
    double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
    out.info("%,d telemetry records simulated and produced in %.1f s (%,.0f records/s, one producer,"
        + " including the simulation)", telemetry, produceSeconds, telemetry / produceSeconds);
    return telemetry;
  }

  /**
   * The same fleet with a third of its telemetry records malformed (eight kinds, each a dead
   * letter with its reason): the job's rate over all records, next to the clean run's.
   */
  public List<String> storm(int centers, int gpus, Duration hours, double cleanRate) throws Exception {
    out.step(String.format(Locale.ROOT, "Bad-input storm: %d centers x %d GPUs x %d h, a third of the telemetry"
        + " records malformed", centers, gpus, hours.toHours()));
    SimulationConfig.Faults storm = new SimulationConfig.Faults(0, 0, 0, 0, 0, 0.5, Duration.ZERO,
        Duration.ofMinutes(30), false);
    long records = produce(SimulationConfig.of(centers, gpus, hours, seed).withFaults(storm));
    double rate = 0;
    for (int pass = 1; pass <= 2; pass++) {
      JobTiming t = runJob(100 + pass);
      rate = records / t.fromRunning();
      out.info("pass %d: %,d records (valid and malformed) in %.1f s from RUNNING: %,.0f records/s", pass, records,
          t.fromRunning(), rate);
    }
    String line = String.format(Locale.ROOT, "storm (a third malformed): %,.0f records/s = %.2f x the clean run's"
        + " %,.0f", rate, rate / cleanRate, cleanRate);
    out.info("%s", line);
    return List.of(line);
  }

  /** The clean pipeline rate of the last {@link #throughput} run, samples/s from RUNNING. */
  public double pipelineRate() {
    return pipelineRate;
  }

  /**
   * Months of one big center's telemetry at 5-minute resolution through the whole pipeline
   * (telemetry -> rates -> detectors -> ClickHouse), timed from job submission to its end, with the
   * acceptance cliff it holds found or not.
   */
  public List<String> longReplay(int gpus, int days) throws Exception {
    out.step(String.format(Locale.ROOT, "Producing %d days of a %d-GPU center at 5-minute resolution"
        + " (a 180-day acceptance period, then a withdrawn load)", days, gpus));
    long produceStart = System.nanoTime();
    long samples;
    try (RecordProducer producer = new RecordProducer(stack.kafka().bootstrapServers(), "litmeter-bench-replay",
        64L * 1024 * 1024)) {
      samples = ScenarioSuite.acceptanceCliffAtScale(7, gpus, days).run(producer::send);
      producer.flush();
    }
    out.info("%,d samples produced in %.1f s", samples, (System.nanoTime() - produceStart) / 1e9);

    out.step("The rates job and the detectors over all of it, parallelism " + parallelism);
    long used = usedHeapMiB();
    JobTiming t = runJob(0);
    long cliffs;
    try (ClickHouseSql sql = new ClickHouseSql(stack.clickhouse().endpoint())) {
      cliffs = sql.scalarLong("SELECT count() FROM litmeter.alerts FINAL WHERE kind = 'acceptance_cliff'");
    }
    String line = String.format(Locale.ROOT, "%d days x %d GPUs (%,d samples) end to end in %.0f s from submission"
            + " (%,.0f samples/s); heap used before %d MiB, after %d MiB; acceptance cliff found: %s", days, gpus,
        samples, t.fromSubmission(), samples / t.fromSubmission(), used, usedHeapMiB(), cliffs > 0 ? "yes" : "NO");
    out.info("%s", line);
    return List.of(line, backfillOfWhatIsStored(samples, days, gpus));
  }

  /**
   * The same history computed again as a backfill (the rates job bounded over the samples table in
   * event-time order, detectors included, rows at a new revision), next to the live job's figure.
   */
  private String backfillOfWhatIsStored(long samples, int days, int gpus) throws Exception {
    out.step("The same history as a backfill from the samples table (./litmeter restate --backfill)");
    long from;
    long to;
    try (ClickHouseSql sql = new ClickHouseSql(stack.clickhouse().endpoint())) {
      from = sql.scalarLong("SELECT min(event_time_ms) FROM litmeter.samples");
      to = sql.scalarLong("SELECT max(event_time_ms) FROM litmeter.samples") + 1;
    }
    RatesJobConfig config = base.withParallelism(parallelism);
    long firstDay = Resolution.DAY.windowStart(from, config.dayOffset());
    long afterLastDay = Resolution.DAY.windowStart(to, config.dayOffset()) + Resolution.DAY.millis();
    Publication publication = new Publication(1, firstDay, afterLastDay, java.util.Set.of(), true);
    JobTiming t = timed(() -> RestatementJob.startEmbedded(KafkaConnection.plain(stack.kafka().bootstrapServers()),
        stack.clickhouse().endpoint(), config, publication, checkpoints));
    long cliffs;
    try (ClickHouseSql sql = new ClickHouseSql(stack.clickhouse().endpoint())) {
      cliffs = sql.scalarLong("SELECT count() FROM litmeter.alerts FINAL WHERE kind = 'acceptance_cliff'");
    }
    String line = String.format(Locale.ROOT, "backfill of the same %d days x %d GPUs (%,d samples) in %.0f s from"
        + " submission (%,.0f samples/s); acceptance cliffs: %d", days, gpus, samples, t.fromSubmission(),
        samples / t.fromSubmission(), cliffs);
    out.info("%s", line);
    return line;
  }

  private static long usedHeapMiB() {
    Runtime rt = Runtime.getRuntime();
    return (rt.totalMemory() - rt.freeMemory()) >> 20;
  }

  private record JobTiming(double fromSubmission, double fromRunning) {}

  private JobTiming runJob(int pass) throws Exception {
    RatesJobConfig config = base.withoutIdleness().withParallelism(parallelism);
    return timed(() -> EmbeddedRatesJob.start(stack.kafka().bootstrapServers(), stack.clickhouse().endpoint(),
        "litmeter-bench-" + pass + "-" + System.currentTimeMillis(), true, config, checkpoints));
  }

  /** The samples-only job on the same records and MiniCluster settings: the floor under the rates job. */
  private JobStart samplesOnlyJob(int pass) {
    return () -> SamplesOnlyJob.startEmbedded(stack.kafka().bootstrapServers(), stack.clickhouse().endpoint(),
        "litmeter-bench-samples-" + pass + "-" + System.currentTimeMillis(), true, base.withParallelism(parallelism),
        checkpoints);
  }

  private interface JobStart {
    JobClient start() throws Exception;
  }

  /** Starts a job and times it: from submission and from RUNNING to its end. */
  private static JobTiming timed(JobStart start) throws Exception {
    long submitted = System.nanoTime();
    JobClient job = start.start();
    while (job.getJobStatus().get() != JobStatus.RUNNING && !job.getJobStatus().get().isTerminalState()) {
      Thread.sleep(20);
    }
    long running = System.nanoTime();
    job.getJobExecutionResult().get();
    long finished = System.nanoTime();
    return new JobTiming((finished - submitted) / 1e9, (finished - running) / 1e9);
  }

  private List<GpuSample> firstSamples(int max) throws Exception {
    return TopicReader.read(stack.kafka().bootstrapServers(), Topics.TELEMETRY.name(), AvroCodec.of(GpuSample.class),
        max);
  }

}

package org.litmeter.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.litmeter.benchmarks.pipeline.Benchmarks;
import org.litmeter.benchmarks.pipeline.CenterScaleSweep;
import org.litmeter.infra.flink.StateBackend;
import org.litmeter.infra.local.LocalStack;
import org.litmeter.schema.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Prints the throughput, ceilings, freshness and state of the pipeline on this machine; not a test. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measure the pipeline on this machine and print the figures (docs/benchmarks.md records them):",
        "raw Kafka consume + Avro decode rate (the ceiling), the job's end-to-end throughput on the same records,",
        "the ClickHouse insert rate, and freshness (window closes -> row visible) and state per device of two live",
        "fleets."})
final class BenchCommand implements Callable<Integer> {

  @Mixin FleetOptions fleet = new FleetOptions(16, 256, "4h", 7);

  @Mixin ParallelismOption parallelism;

  @Option(names = "--partitions", defaultValue = "4", description = "Telemetry topic partitions (default: ${DEFAULT-VALUE})")
  int partitions;

  @Option(names = "--scrape-targets", defaultValue = "200",
      description = "Fake 8-GPU exporter hosts to scrape, 0 to skip (default: ${DEFAULT-VALUE})")
  int scrapeTargets;

  @Option(names = "--scrape-interval", defaultValue = "15s",
      description = "Scrape interval for the scrape run (default: ${DEFAULT-VALUE})")
  String scrapeInterval;

  @Option(names = "--skip-throughput", description = "Skip the pipeline throughput measurements")
  boolean skipThroughput;

  @Option(names = "--freshness", defaultValue = "90s",
      description = "Wall time of each of the two live runs (freshness, state per device), 0s to skip (default: ${DEFAULT-VALUE})")
  String freshness;

  @Option(names = "--replay", defaultValue = "0d",
      description = "Also replay this many whole days of one center at 5-minute resolution end to end, 0d to skip"
          + " (default: ${DEFAULT-VALUE}; docs/benchmarks.md uses 273d, nine months)")
  String replay;

  @Option(names = "--storm", description = "Also run the job over the same fleet with a third of its telemetry"
      + " records malformed, and print its rate against the clean run's")
  boolean storm;

  @Option(names = "--cluster-parallelism", split = ",", paramLabel = "P[,P...]",
      description = "Also run the packaged job on a multi-process Flink cluster at each of these parallelisms (1 to 4),"
          + " e.g. 1,2,4")
  List<Integer> clusterParallelism = new ArrayList<>();

  @Option(names = "--state-backend", defaultValue = "hashmap",
      description = "Where the job keeps keyed state: hashmap or rocksdb (incremental checkpoints, as production)"
          + " (default: ${DEFAULT-VALUE})")
  StateBackend stateBackend;

  @Option(names = "--replay-gpus", defaultValue = "256", description = "GPUs of the replayed center (default: ${DEFAULT-VALUE})")
  int replayGpus;

  @Option(names = "--center-sweep", split = ",", paramLabel = "N[,N...]",
      description = "Also run one center of each of these sizes through the packaged job on a multi-process cluster,"
          + " on both state backends: rate, CPU, checkpoints, recovery after a TaskManager SIGKILL"
          + " (docs/benchmarks.md uses 256,1024,4096,16384)")
  List<Integer> centerSweep = new ArrayList<>();

  @Option(names = "--sweep-samples", defaultValue = "2000000",
      description = "Telemetry records per size of the center sweep (default: ${DEFAULT-VALUE})")
  long sweepSamples;

  @Override
  public Integer call() throws Exception {
    Console console = new Console();
    console.step(String.format(Locale.ROOT, "Machine: %d cores, JVM heap %d MiB, Java %s; state on %s",
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.version"), stateBackend.name().toLowerCase(Locale.ROOT)));
    Path checkpoints = Files.createDirectories(Litmeter.home().resolve("checkpoints"));
    List<String> summary = new ArrayList<>();
    double cleanRate;
    try (LocalStack stack = LocalStack.start(Litmeter.home().resolve("bench"), true, partitions)) {
      Benchmarks benchmarks = on(stack, console, checkpoints);
      if (!skipThroughput) {
        summary.addAll(benchmarks.throughput(fleet.centers, fleet.gpus, fleet.duration()));
      }
      cleanRate = benchmarks.pipelineRate();
      if (scrapeTargets > 0) {
        summary.addAll(benchmarks.scrape(scrapeTargets, Durations.parse(scrapeInterval), Duration.ofSeconds(60)));
      }
    }
    if (storm && !skipThroughput) {
      try (LocalStack stack = LocalStack.start(Litmeter.home().resolve("bench-storm"), true, partitions)) {
        summary.addAll(on(stack, console, checkpoints)
            .storm(fleet.centers, fleet.gpus, fleet.duration(), cleanRate));
      }
    }
    if (!clusterParallelism.isEmpty()) {
      try (LocalStack stack = LocalStack.start(Litmeter.home().resolve("bench-cluster"), true, partitions)) {
        summary.addAll(on(stack, console, checkpoints).clusterScaling(fleet.centers, fleet.gpus,
            fleet.duration(), clusterParallelism, JobCommand.Submit.packagedJar(),
            Litmeter.home().resolve("bench-cluster/flink")));
      }
    }
    int replayDays = Math.toIntExact(Durations.whole(replay, ChronoUnit.DAYS));
    if (replayDays > 0) {
      try (LocalStack stack = LocalStack.start(Litmeter.home().resolve("bench-replay"), true, partitions)) {
        summary.addAll(on(stack, console, checkpoints).longReplay(replayGpus, replayDays));
      }
    }
    if (!centerSweep.isEmpty()) {
      List<CenterScaleSweep.Result> results = new ArrayList<>();
      for (int devices : centerSweep) {
        try (LocalStack stack = LocalStack.start(Litmeter.home().resolve("bench-sweep"), true, partitions)) {
          results.addAll(on(stack, console, checkpoints).centerSweep(devices,
              sweepSamples, JobCommand.Submit.packagedJar(), Litmeter.home().resolve("bench-sweep/flink")));
        }
      }
      summary.addAll(CenterScaleSweep.table(results));
    }
    if (!Durations.parse(freshness).isZero()) {
      // 256 devices, then 4,096 (8,192 samples/s live): the difference in state is per device
      Benchmarks.LiveFleet small = liveFleet(console, checkpoints, 4, 64);
      Benchmarks.LiveFleet large = liveFleet(console, checkpoints, 16, 256);
      summary.addAll(small.lines());
      summary.addAll(large.lines());
      String growth = Benchmarks.stateGrowth(small, large);
      console.info("%s", growth);
      summary.add(growth);
    }
    console.step("Summary");
    summary.forEach(line -> console.info("%s", line));
    return 0;
  }

  private Benchmarks on(LocalStack stack, Console console, Path checkpoints) {
    return new Benchmarks(stack, console, checkpoints, parallelism.value, stateBackend, fleet.seed);
  }

  /** Each live fleet on fresh topics and tables: live samples behind other history would be judged too late. */
  private Benchmarks.LiveFleet liveFleet(Console console, Path checkpoints, int liveCenters, int gpusPerCenter)
      throws Exception {
    try (LocalStack stack = LocalStack.start(Litmeter.home().resolve("bench-live"), true, partitions)) {
      return on(stack, console, checkpoints)
          .liveFleet(Durations.parse(freshness), liveCenters, gpusPerCenter);
    }
  }
}

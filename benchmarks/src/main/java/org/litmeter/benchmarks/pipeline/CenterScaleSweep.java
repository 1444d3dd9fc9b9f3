package org.litmeter.benchmarks.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.litmeter.infra.flink.FlinkRestClient;
import org.litmeter.infra.flink.FlinkRestClient.Checkpoint;
import org.litmeter.infra.flink.StateBackend;
import org.litmeter.infra.local.LocalFlinkCluster;
import org.litmeter.jobs.RatesJob;

/**
 * One center of a given size through the packaged job on a multi-process cluster (a JobManager and
 * two TaskManagers of one slot, parallelism 2, checkpoints every {@value #CHECKPOINT_SECONDS} s):
 * a run to warm the JIT up, a clean bounded run for rate, CPU and checkpoints, then a run in which a TaskManager is
 * killed with SIGKILL after its second checkpoint and started again at once (as Kubernetes does),
 * for the time to recover.
 */
public final class CenterScaleSweep {

  static final int CHECKPOINT_SECONDS = 5;
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(30);

  private CenterScaleSweep() {}

  /**
   * @param samples the telemetry records in the topic
   * @param cpuMillis the TaskManagers' CPU time over the clean run
   * @param largestStateBytes the largest full state of a checkpoint during the clean run
   * @param meanUploadBytes what a checkpoint wrote, on average (incremental on RocksDB)
   * @param checkpointMillis durations of the clean run's checkpoints, end to end
   * @param toRunningMillis from the SIGKILL to every subtask running again, -1 when the job finished first
   * @param toCheckpointMillis from the SIGKILL to the first checkpoint completed after it
   */
  public record Result(StateBackend backend, int devices, long samples, double seconds, long cpuMillis,
      long largestStateBytes, long meanUploadBytes, List<Long> checkpointMillis, long toRunningMillis,
      long toCheckpointMillis) {

    double samplesPerSecond() {
      return samples / seconds;
    }

    double cpuMicrosPerSample() {
      return cpuMillis * 1000.0 / samples;
    }

    long stateBytesPerDevice() {
      return largestStateBytes / devices;
    }

    long checkpointMillisP50() {
      List<Long> sorted = checkpointMillis.stream().sorted().toList();
      return sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
    }

    long checkpointMillisMax() {
      return checkpointMillis.stream().mapToLong(Long::longValue).max().orElse(-1);
    }
  }

  /** Both runs over the records already in the stack's telemetry topic. */
  static Result measure(String kafka, String clickhouseUrl, Path jobJar, Path clusterDir, StateBackend backend,
      int devices, long samples) throws Exception {
    try (LocalFlinkCluster cluster = LocalFlinkCluster.start(clusterDir, 2, 1, backend)) {
      FlinkRestClient rest = cluster.rest();
      String jarId = rest.uploadJar(jobJar);
      String tag = backend.name().toLowerCase(Locale.ROOT) + "-" + devices + "-" + System.currentTimeMillis();

      // a first run warms the TaskManagers' JIT up: on a fresh JVM compilation costs as much CPU as the work
      awaitFinished(rest, run(rest, jarId, kafka, clickhouseUrl, cluster, "litmeter-sweep-warm-" + tag),
          new TreeMap<>());
      Duration cpuBefore = cluster.taskManagersCpu();
      String clean = run(rest, jarId, kafka, clickhouseUrl, cluster, "litmeter-sweep-clean-" + tag);
      Map<Long, Checkpoint> checkpoints = new TreeMap<>();
      awaitFinished(rest, clean, checkpoints);
      long cpuMillis = cluster.taskManagersCpu().minus(cpuBefore).toMillis();
      Map<String, Long> entered = rest.stateTimestamps(clean);
      double seconds = (entered.get("FINISHED") - entered.get("RUNNING")) / 1000.0;
      long largestState = checkpoints.values().stream().mapToLong(Checkpoint::stateBytes).max().orElse(0);
      long meanUpload = (long) checkpoints.values().stream().mapToLong(Checkpoint::uploadedBytes).average().orElse(0);
      List<Long> durations = checkpoints.values().stream().map(Checkpoint::durationMillis).toList();

      String faulted = run(rest, jarId, kafka, clickhouseUrl, cluster, "litmeter-sweep-kill-" + tag);
      long[] recovery = killAndRecover(cluster, rest, faulted);
      awaitFinished(rest, faulted, new TreeMap<>());
      return new Result(backend, devices, samples, seconds, cpuMillis, largestState, meanUpload, durations,
          recovery[0], recovery[1]);
    }
  }

  /** The job, bounded, from the start of the topics under a consumer group of its own. */
  private static String run(FlinkRestClient rest, String jarId, String kafka, String clickhouseUrl,
      LocalFlinkCluster cluster, String groupId) throws Exception {
    return rest.run(jarId, RatesJob.class.getName(), RatesJob.mainArguments(kafka, clickhouseUrl, "default", groupId,
        2, Duration.ofSeconds(CHECKPOINT_SECONDS), cluster.checkpoints().toUri().toString(), true), 2, null);
  }

  /** Waits for the job to finish, noting each checkpoint it completes on the way. */
  private static void awaitFinished(FlinkRestClient rest, String jobId, Map<Long, Checkpoint> seen) throws Exception {
    rest.awaitState(jobId, RUN_TIMEOUT, id -> {
      Checkpoint latest = rest.latestCheckpoint(id);
      if (latest != null) {
        seen.putIfAbsent(latest.id(), latest);
      }
    }, "FINISHED");
  }

  /**
   * Kills TaskManager 1 once the job has completed two checkpoints, starts it again and times the
   * recovery; {-1, -1} when the job finished before it could be hit.
   */
  private static long[] killAndRecover(LocalFlinkCluster cluster, FlinkRestClient rest, String jobId)
      throws Exception {
    Checkpoint before;
    do {
      if (rest.jobState(jobId).equals("FINISHED")) {
        return new long[] {-1, -1};
      }
      Thread.sleep(100);
      before = rest.latestCheckpoint(jobId);
    } while (before == null || before.id() < 2);
    long killedAt = System.currentTimeMillis();
    cluster.killTaskManager(1);
    cluster.startTaskManager(1);
    long toRunning = -1;
    long toCheckpoint = -1;
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    boolean left = false;
    while ((toRunning < 0 || toCheckpoint < 0) && System.nanoTime() < deadline) {
      String state = rest.jobState(jobId);
      if (state.equals("FINISHED")) {
        break;
      }
      Map<String, Integer> subtasks = rest.subtaskStates(jobId);
      // the job first has to notice the loss: until then its subtasks still show RUNNING
      left |= !state.equals("RUNNING") || subtasks.keySet().stream().anyMatch(s -> !s.equals("RUNNING")
          && !s.equals("FINISHED"));
      if (left && toRunning < 0 && state.equals("RUNNING")
          && subtasks.keySet().stream().allMatch(s -> s.equals("RUNNING") || s.equals("FINISHED"))) {
        toRunning = System.currentTimeMillis() - killedAt;
      }
      Checkpoint latest = rest.latestCheckpoint(jobId);
      if (toCheckpoint < 0 && latest != null && latest.id() > before.id() && latest.completedAt() > killedAt) {
        toCheckpoint = latest.completedAt() - killedAt;
      }
      Thread.sleep(100);
    }
    return new long[] {toRunning, toCheckpoint};
  }

  /** The sweep as a table: one row per backend and size. */
  public static List<String> table(List<Result> results) {
    List<String> lines = new ArrayList<>();
    lines.add("| state | devices | samples | samples/s | CPU µs/sample | state bytes/device | upload/checkpoint"
        + " | checkpoint p50 / max | SIGKILL → running | SIGKILL → next checkpoint |");
    lines.add("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (Result r : results) {
      lines.add(String.format(Locale.ROOT,
          "| %s | %,d | %,d | %,.0f | %.1f | %,d | %,d B | %d / %d ms | %s | %s |",
          r.backend().name().toLowerCase(Locale.ROOT), r.devices(), r.samples(), r.samplesPerSecond(),
          r.cpuMicrosPerSample(), r.stateBytesPerDevice(), r.meanUploadBytes(), r.checkpointMillisP50(),
          r.checkpointMillisMax(), seconds(r.toRunningMillis()), seconds(r.toCheckpointMillis())));
    }
    return lines;
  }

  private static String seconds(long millis) {
    return millis < 0 ? "finished first" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}

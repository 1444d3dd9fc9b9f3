package org.litmeter.benchmarks.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.core.execution.JobClient;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.infra.local.LocalStack;
import org.litmeter.ingest.kafka.RecordProducer;
import org.litmeter.jobs.EmbeddedRatesJob;
import org.litmeter.jobs.RatesJobConfig;
import org.litmeter.schema.AvroCodec;
import org.litmeter.schema.CenterRegistration;
import org.litmeter.schema.GpuSample;
import org.litmeter.schema.Region;
import org.litmeter.schema.Topics;

/**
 * Freshness of the running job: a live fleet whose clock runs {@code speedup} times faster than
 * the wall clock produces samples as they happen, and for every center window we measure the wall
 * time from the moment the sample that lets the window close was sent (event time past the window
 * end plus out-of-orderness plus allowed lateness) to the moment its row is visible in ClickHouse.
 * That is the latency the pipeline adds after a window closes: Kafka, watermarks, the three
 * stages and the ClickHouse sink.
 */
final class FreshnessProbe {

  record Result(List<Long> latenciesMillis, int centers, int devices, double samplesPerSecond,
      long checkpointBytes) {
    long percentile(double p) {
      List<Long> sorted = new ArrayList<>(latenciesMillis);
      sorted.sort(null);
      if (sorted.isEmpty()) {
        return -1;
      }
      return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
    }
  }

  private static final long WINDOW = Duration.ofMinutes(5).toMillis();

  private FreshnessProbe() {}

  static Result measure(LocalStack stack, Duration wallDuration, int centers, int devicesPerCenter, int speedup,
      Path checkpoints, RatesJobConfig base) throws Exception {
    RatesJobConfig config = base.withParallelism(2);
    long closeAfterEnd = config.outOfOrderness().toMillis() + config.allowedLateness().toMillis();
    long cadence = 30_000;
    AvroCodec<GpuSample> samples = AvroCodec.of(GpuSample.class);
    AvroCodec<CenterRegistration> registry = AvroCodec.of(CenterRegistration.class);
    long simStart = Math.floorDiv(System.currentTimeMillis() - Duration.ofDays(1).toMillis(), WINDOW) * WINDOW;

    try (RecordProducer producer = new RecordProducer(stack.kafka().bootstrapServers(), "litmeter-freshness")) {
      for (int c = 0; c < centers; c++) {
        producer.send(Topics.CENTERS.name(), center(c), registry.encode(CenterRegistration.newBuilder()
            .setCenterId(center(c)).setName(center(c)).setProvince("Guizhou").setRegion(Region.WEST)
            .setPlannedAccelerators(devicesPerCenter).setUpdatedAt(Instant.ofEpochMilli(simStart)).build()));
      }
      producer.flush();
      JobClient job = EmbeddedRatesJob.start(stack.kafka().bootstrapServers(), stack.clickhouse().endpoint(),
          "litmeter-freshness", false, config, checkpoints);
      while (job.getJobStatus().get() != org.apache.flink.api.common.JobStatus.RUNNING) {
        Thread.sleep(20);
      }
      Map<Long, Long> closeSentAt = new TreeMap<>();
      Map<String, Long> visibleAt = new HashMap<>();
      Set<String> seen = new HashSet<>();
      long sent = 0;
      try (ClickHouseSql sql = new ClickHouseSql(stack.clickhouse().endpoint())) {
        long wallStart = System.currentTimeMillis();
        long warmUp = config.idleness().toMillis() + 5_000;
        long nextSimTime = simStart;
        long nextPoll = wallStart;
        while (System.currentTimeMillis() - wallStart < wallDuration.toMillis()) {
          long now = System.currentTimeMillis();
          long simNow = simStart + (now - wallStart) * speedup;
          while (nextSimTime <= simNow) {
            for (int c = 0; c < centers; c++) {
              for (int d = 0; d < devicesPerCenter; d++) {
                producer.send(Topics.TELEMETRY.name(), device(c, d), samples.encode(sample(c, d, nextSimTime)));
                sent++;
              }
            }
            long windowEnd = Math.floorDiv(nextSimTime - closeAfterEnd, WINDOW) * WINDOW;
            if (windowEnd > simStart) {
              closeSentAt.putIfAbsent(windowEnd, System.currentTimeMillis());
            }
            nextSimTime += cadence;
          }
          if (now >= nextPoll) {
            for (ClickHouseSql.Row r : sql.rows("SELECT scope_id, toUInt64(window_start) * 1000 AS start"
                + " FROM litmeter.rates WHERE scope = 'center' AND resolution = '5m'"
                + " AND window_start >= toDateTime(" + simStart / 1000 + ")")) {
              String key = r.get("scope_id") + "@" + r.get("start");
              if (seen.add(key)) {
                visibleAt.put(key, System.currentTimeMillis());
              }
            }
            nextPoll = now + 100;
          }
          Thread.sleep(10);
        }
        long checkpointBytes = newestCheckpointBytes(checkpoints.resolve(job.getJobID().toString()));
        job.cancel().get();
        long elapsed = System.currentTimeMillis() - wallStart;
        List<Long> latencies = new ArrayList<>();
        visibleAt.forEach((key, visible) -> {
          long windowEnd = Long.parseLong(key.substring(key.indexOf('@') + 1)) + WINDOW;
          Long closedAt = closeSentAt.get(windowEnd);
          // windows that close before the quiet topics (inventory, leases) are idle wait for the idleness
          // timeout once, at start-up: not a steady-state figure
          if (closedAt != null && closedAt > wallStart + warmUp) {
            latencies.add(visible - closedAt);
          }
        });
        return new Result(latencies, centers, centers * devicesPerCenter, sent * 1000.0 / elapsed, checkpointBytes);
      }
    }
  }

  /** The size on disk of the job's newest completed checkpoint: all of its state, every operator. */
  private static long newestCheckpointBytes(Path jobCheckpoints) throws IOException {
    if (!Files.isDirectory(jobCheckpoints)) {
      return 0;
    }
    Optional<Path> newest;
    try (var dirs = Files.list(jobCheckpoints)) {
      newest = dirs.filter(p -> p.getFileName().toString().startsWith("chk-")
              && Files.exists(p.resolve("_metadata")))
          .max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().substring(4))));
    }
    if (newest.isEmpty()) {
      return 0;
    }
    // small state is inlined into _metadata; larger state of each operator is a file of its own
    return bytesUnder(newest.get()) + bytesUnder(jobCheckpoints.resolve("shared"));
  }

  private static long bytesUnder(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    long bytes = 0;
    try (var files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        bytes += Files.size(f);
      }
    }
    return bytes;
  }

  private static String center(int c) {
    return String.format(Locale.ROOT, "live-c%02d", c + 1);
  }

  private static String device(int c, int d) {
    return String.format(Locale.ROOT, "GPU-live-%02d-%04d", c + 1, d);
  }

  private static GpuSample sample(int c, int d, long time) {
    return GpuSample.newBuilder().setCenter(center(c)).setHost(center(c) + "-node" + d / 8).setDeviceUuid(device(c, d))
        .setDeviceIndex(d % 8).setVendor("nvidia").setModel("NVIDIA H100 80GB HBM3")
        .setEventTime(Instant.ofEpochMilli(time)).setGpuUtil(d % 2 == 0 ? 85.0 : 1.0)
        .setSmActive(d % 2 == 0 ? 0.7 : 0.0).setPowerW(d % 2 == 0 ? 500.0 : 70.0).setSource("bench").build();
  }
}

package org.litmeter.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.litmeter.ingest.TopicReader;
import org.litmeter.ingest.exporters.ExporterDialect;
import org.litmeter.ingest.exporters.ExpositionMapper;
import org.litmeter.ingest.exporters.TenantRule;
import org.litmeter.ingest.exposition.ExpositionParser;
import org.litmeter.ingest.kafka.RecordProducer;
import org.litmeter.ingest.ship.IngestMetrics;
import org.litmeter.ingest.ship.TelemetryShipper;
import org.litmeter.schema.GpuSample;
import org.litmeter.schema.RecordValidator;
import org.litmeter.schema.Topics;
import org.litmeter.testkit.KafkaBrokerExtension;

/**
 * Two nodes' recordings of the same six hours, in two centers, replayed by one command into one
 * partition: they must arrive merged by event time, never hours behind what came before (one file
 * after the other would put the second node's whole recording behind the first's newest sample,
 * where the job can only call it late).
 */
class ReplayMergeIT {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(1);

  @TempDir Path dir;

  private static final long T = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
  private static final int SAMPLES_PER_NODE = 6 * 120;

  @Test
  void recordingsOfSeveralNodesArriveMergedByEventTime() throws Exception {
    Path first = recording("gz01", "node-1", "GPU-first");
    Path second = recording("sh01", "node-2", "GPU-second");
    ExpositionMapper mapper = new ExpositionMapper(ExporterDialect.ALL, new ExpositionMapper.Settings(
        host -> "gz01", Set.of("gz01", "sh01"), TenantRule.defaults(), RecordValidator.upToNowPlus(Duration.ofMinutes(5))));
    ExpositionReplay.Summary summary;
    try (TelemetryShipper shipper = new TelemetryShipper(new RecordProducer(KAFKA.bootstrapServers(), "merge-it"),
        new IngestMetrics())) {
      summary = new ExpositionReplay(mapper, shipper, 0).replay(List.of(first, second),
          ExpositionParser.Format.PROMETHEUS_TEXT);
    }

    assertThat(summary.samplesProduced()).isEqualTo(2 * SAMPLES_PER_NODE);
    assertThat(summary.deadLetters()).isZero();
    List<GpuSample> arrived = TopicReader.readAll(KAFKA.bootstrapServers(), Topics.TELEMETRY.name(), GpuSample.class,
        s -> s.size() >= 2 * SAMPLES_PER_NODE);
    assertThat(arrived).extracting(GpuSample::getCenter).containsOnly("gz01", "sh01");
    long newest = arrived.get(0).getEventTime().toEpochMilli();
    long furthestBehind = 0;
    for (GpuSample s : arrived) {
      long t = s.getEventTime().toEpochMilli();
      furthestBehind = Math.max(furthestBehind, newest - t);
      newest = Math.max(newest, t);
    }
    assertThat(Duration.ofMillis(furthestBehind)).as("how far a sample arrived behind the newest before it")
        .isLessThanOrEqualTo(Duration.ofSeconds(30));
  }

  /** Six hours of one GPU of one node, a sample every 30 s, in time order. */
  private Path recording(String center, String host, String uuid) throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < SAMPLES_PER_NODE; i++) {
      long t = T + i * 30_000L;
      String labels = "{gpu=\"0\",UUID=\"" + uuid + "\",Hostname=\"" + host + "\",center=\"" + center + "\"} ";
      text.append("DCGM_FI_DEV_GPU_UTIL").append(labels).append(40 + i % 50).append(' ').append(t).append('\n');
      text.append("DCGM_FI_DEV_POWER_USAGE").append(labels).append(300).append(' ').append(t).append('\n');
    }
    Path file = dir.resolve(host + ".prom");
    Files.writeString(file, text);
    return file;
  }
}

package org.litmeter.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
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
import org.litmeter.schema.DeadLetter;
import org.litmeter.schema.GpuSample;
import org.litmeter.schema.RecordValidator;
import org.litmeter.schema.Topics;
import org.litmeter.testkit.KafkaBrokerExtension;

/**
 * A gzip'd recording with every class of bad input next to good samples, replayed into a real
 * broker: each bad line or device is a dead letter on the topic with its reason and raw input,
 * each is counted in the ingest's metrics by the same reason, and the good samples all arrive with
 * their original event times.
 */
class ExpositionReplayIT {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(2);

  @TempDir Path dir;

  static final long T = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();

  @Test
  void everyClassOfBadInputIsADeadLetterAndACountAndTheGoodSamplesArrive() throws Exception {
    StringBuilder file = new StringBuilder("# HELP DCGM_FI_DEV_GPU_UTIL GPU utilization (in %).\n");
    for (int i = 0; i < 3; i++) {
      long t = T + i * 30_000L;
      file.append("DCGM_FI_DEV_GPU_UTIL{gpu=\"0\",UUID=\"GPU-a\",Hostname=\"h1\"} 91 ").append(t).append('\n');
      file.append("DCGM_FI_DEV_POWER_USAGE{gpu=\"0\",UUID=\"GPU-a\",Hostname=\"h1\"} 455 ").append(t).append('\n');
      file.append("DCGM_FI_DEV_GPU_UTIL{gpu=\"1\",UUID=\"GPU-b\",Hostname=\"h1\",namespace=\"team\"} 3 ").append(t)
          .append('\n');
    }
    Map<String, String> bad = new TreeMap<>(Map.of(
        "NOT_FINITE", "DCGM_FI_DEV_GPU_UTIL{gpu=\"2\",UUID=\"GPU-nan\"} NaN " + T,
        "OUT_OF_RANGE", "DCGM_FI_DEV_POWER_USAGE{gpu=\"3\",UUID=\"GPU-neg\"} -3 " + T,
        "WRONG_TYPE", "DCGM_FI_DEV_GPU_UTIL{gpu=\"x\",UUID=\"GPU-idx\"} 5 " + T,
        "TIMESTAMP_OUT_OF_RANGE", "DCGM_FI_DEV_GPU_UTIL{gpu=\"4\",UUID=\"GPU-old\"} 5 " + Instant.parse(
            "1999-12-31T00:00:00Z").toEpochMilli(),
        "UNKNOWN_CENTER", "DCGM_FI_DEV_GPU_UTIL{gpu=\"5\",UUID=\"GPU-x\",center=\"nowhere\"} 5 " + T,
        "DUPLICATE", "DCGM_FI_DEV_GPU_UTIL{gpu=\"0\",UUID=\"GPU-a\",Hostname=\"h1\"} 91 " + T,
        "OVERSIZED_LABEL", "DCGM_FI_DEV_GPU_UTIL{gpu=\"6\",UUID=\"GPU-o\",Hostname=\"" + "h".repeat(300) + "\"} 5 " + T,
        "UNPARSABLE", "DCGM_FI_DEV_GPU_UTIL{gpu=\"7\" 5 " + T,
        "MISSING_FIELD", "DCGM_FI_DEV_GPU_UTIL{gpu=\"8\",UUID=\"GPU-nots\"} 5"));
    bad.values().forEach(line -> file.append(line).append('\n'));
    file.append("DCGM_FI_DEV_GPU_UTIL{gpu=\"9\",UUID=\"GPU-future\"} 5 ").append(Instant.parse(
        "2099-01-01T00:00:00Z").toEpochMilli()).append('\n');
    Path recording = dir.resolve("node-h1.prom.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(recording))) {
      out.write(file.toString().getBytes(StandardCharsets.UTF_8));
    }

    IngestMetrics metrics = new IngestMetrics();
    ExpositionReplay.Summary summary;
    try (TelemetryShipper shipper = new TelemetryShipper(new RecordProducer(KAFKA.bootstrapServers(), "replay-it"),
        metrics)) {
      ExpositionMapper mapper = new ExpositionMapper(ExporterDialect.ALL, new ExpositionMapper.Settings(
          host -> "c01", Set.of("c01"), TenantRule.defaults(), RecordValidator.upToNowPlus(java.time.Duration.ofMinutes(5))));
      summary = new ExpositionReplay(mapper, shipper, 0).replay(recording, ExpositionParser.Format.PROMETHEUS_TEXT);
    }

    assertThat(summary.samplesProduced()).isEqualTo(6);
    // the broker is shared with the other test: this one's records are those of center c01 and file node-h1
    List<GpuSample> samples = TopicReader.readAll(KAFKA.bootstrapServers(), Topics.TELEMETRY.name(), GpuSample.class,
        s -> s.stream().filter(x -> x.getCenter().equals("c01")).count() >= 6).stream()
        .filter(x -> x.getCenter().equals("c01")).toList();
    assertThat(samples).extracting(s -> s.getDeviceUuid() + "@" + (s.getEventTime().toEpochMilli() - T))
        .containsExactlyInAnyOrder("GPU-a@0", "GPU-a@30000", "GPU-a@60000", "GPU-b@0", "GPU-b@30000", "GPU-b@60000");
    assertThat(samples).filteredOn(s -> s.getDeviceUuid().equals("GPU-b")).allSatisfy(s ->
        assertThat(s.getTenant()).isEqualTo("team"));

    List<DeadLetter> deadLetters = TopicReader.readAll(KAFKA.bootstrapServers(), Topics.DEAD_LETTERS.name(),
        DeadLetter.class, d -> d.stream().filter(x -> x.getOrigin().contains("node-h1")).count() >= bad.size() + 1)
        .stream().filter(x -> x.getOrigin().contains("node-h1")).toList();
    Map<String, Long> byReason = new TreeMap<>();
    deadLetters.forEach(d -> byReason.merge(d.getReason(), 1L, Long::sum));
    Map<String, Long> expected = new TreeMap<>();
    bad.keySet().forEach(reason -> expected.put(reason, 1L));
    expected.merge("TIMESTAMP_OUT_OF_RANGE", 1L, Long::sum);
    assertThat(byReason).isEqualTo(expected);
    for (String reason : expected.keySet()) {
      assertThat(metrics.rejected("replay", reason)).as("counter for " + reason)
          .isEqualTo(expected.get(reason).doubleValue());
    }
    assertThat(deadLetters).allSatisfy(d -> {
      assertThat(d.getStage()).isEqualTo("replay");
      assertThat(d.getOrigin()).startsWith(recording.toString());
      assertThat(d.getDetail()).isNotBlank();
    });
    for (Map.Entry<String, String> e : bad.entrySet()) {
      assertThat(deadLetters).filteredOn(d -> d.getReason().equals(e.getKey()))
          .anySatisfy(d -> assertThat(StandardCharsets.UTF_8.decode(d.getRaw().duplicate()).toString())
              .contains(e.getValue().substring(0, 30)));
    }
  }

  @Test
  void aTruncatedGzipIsReplayedUpToItsBreakAndTheOtherFilesGoOn() throws Exception {
    StringBuilder cut = new StringBuilder();
    StringBuilder whole = new StringBuilder();
    for (int i = 0; i < 2_000; i++) {
      long t = T + i * 30_000L;
      cut.append("DCGM_FI_DEV_GPU_UTIL{gpu=\"0\",UUID=\"GPU-cut\",Hostname=\"h2\"} ").append(i % 100).append(' ')
          .append(t).append('\n');
      if (i < 10) {
        whole.append("DCGM_FI_DEV_GPU_UTIL{gpu=\"0\",UUID=\"GPU-whole\",Hostname=\"h3\"} 50 ").append(t).append('\n');
      }
    }
    Path truncated = dir.resolve("node-h2.prom.gz");
    Path complete = dir.resolve("node-h3.prom.gz");
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(gz)) {
      out.write(cut.toString().getBytes(StandardCharsets.UTF_8));
    }
    byte[] bytes = gz.toByteArray();
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(complete))) {
      out.write(whole.toString().getBytes(StandardCharsets.UTF_8));
    }

    ExpositionReplay.Summary summary;
    try (TelemetryShipper shipper = new TelemetryShipper(new RecordProducer(KAFKA.bootstrapServers(), "truncated-it"),
        new IngestMetrics())) {
      ExpositionMapper mapper = new ExpositionMapper(ExporterDialect.ALL, new ExpositionMapper.Settings(
          host -> "c02", Set.of("c02"), TenantRule.defaults(), RecordValidator.upToNowPlus(java.time.Duration.ofMinutes(5))));
      summary = new ExpositionReplay(mapper, shipper, 0).replay(List.of(truncated, complete),
          ExpositionParser.Format.PROMETHEUS_TEXT);
    }

    assertThat(summary.brokenFiles()).singleElement().asString()
        .startsWith(truncated + " after line ").contains("Unexpected end of ZLIB input stream");
    long linesBeforeBreak = Long.parseLong(summary.brokenFiles().get(0).replaceAll(".* after line (\\d+):.*", "$1"));
    assertThat(linesBeforeBreak).isBetween(1L, 1_999L);
    List<GpuSample> samples = TopicReader.readAll(KAFKA.bootstrapServers(), Topics.TELEMETRY.name(), GpuSample.class,
        s -> s.stream().filter(x -> x.getCenter().equals("c02")).count() >= linesBeforeBreak + 10);
    assertThat(samples).filteredOn(x -> x.getDeviceUuid().equals("GPU-whole")).as("the next file, whole").hasSize(10);
    assertThat(samples).filteredOn(x -> x.getDeviceUuid().equals("GPU-cut")).as("everything read before the break")
        .hasSize((int) linesBeforeBreak);
    List<DeadLetter> deadLetters = TopicReader.readAll(KAFKA.bootstrapServers(), Topics.DEAD_LETTERS.name(),
        DeadLetter.class, d -> d.stream().anyMatch(x -> x.getOrigin().startsWith(truncated.toString())));
    assertThat(deadLetters).filteredOn(x -> x.getOrigin().startsWith(truncated.toString())).singleElement()
        .satisfies(d -> {
          assertThat(d.getReason()).isEqualTo("UNPARSABLE");
          assertThat(d.getOrigin()).isEqualTo(truncated + "#" + (linesBeforeBreak + 1));
          assertThat(d.getDetail()).contains("the file breaks after line " + linesBeforeBreak);
        });
  }
}

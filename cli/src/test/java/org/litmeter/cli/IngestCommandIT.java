package org.litmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.litmeter.ingest.kafka.TopicReader;
import org.litmeter.schema.AvroCodec;
import org.litmeter.schema.DeadLetter;
import org.litmeter.schema.DeadLetters;
import org.litmeter.schema.Topics;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.litmeter.testkit.ClickHouseServerExtension;
import org.litmeter.testkit.KafkaBrokerExtension;
import org.litmeter.testkit.SharedData;

/**
 * {@code ./litmeter ingest} as a person runs it against a real broker: what was set aside is said
 * with its reasons and makes the exit status non-zero, and a broken recording does too; the rates
 * job keeps what the ingest set aside in ClickHouse's dead letters, once each.
 */
class IngestCommandIT {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(1);
  @RegisterExtension static final ClickHouseServerExtension CLICKHOUSE = new ClickHouseServerExtension();

  @TempDir Path dir;

  @Test
  void theExamplesLoadWholeAndABadRowIsNamedWithItsReasonAndFailsTheLoad() throws Exception {
    Path examples = SharedData.projectRoot().resolve("examples");
    CliRun good = CliRun.of("ingest", "load", "--kafka", KAFKA.bootstrapServers(),
        "--registry", examples.resolve("centers.yaml").toString(), "--leases", examples.resolve("leases.csv").toString(),
        "--inventory", examples.resolve("inventory.csv").toString());
    assertThat(good.exit()).as(good.output() + good.errors()).isZero();
    assertThat(good.output()).contains("every row loaded");

    Path centers = dir.resolve("centers.yaml");
    Files.writeString(centers, """
        centers:
          - id: gz01
            province: Guizhou
            region: west
            planned_accelerators: 16
            acceptance_strat: 2026-01-01
        """);
    CliRun bad = CliRun.of("ingest", "load", "--kafka", KAFKA.bootstrapServers(), "--registry", centers.toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.errors()).contains("1 row set aside as dead letters", centers + "#6 WRONG_TYPE: unknown key"
        + " 'acceptance_strat' at line 6", "or pass --allow-rejects");
    CliRun allowed = CliRun.of("ingest", "load", "--kafka", KAFKA.bootstrapServers(), "--registry", centers.toString(),
        "--allow-rejects");
    assertThat(allowed.exit()).isZero();
  }

  @Test
  void aTruncatedRecordingFailsTheReplayAfterTheOtherFilesAreSent() throws Exception {
    StringBuilder lines = new StringBuilder();
    long t = System.currentTimeMillis() - 3_600_000;
    for (int i = 0; i < 2_000; i++) {
      lines.append("DCGM_FI_DEV_GPU_UTIL{gpu=\"0\",UUID=\"GPU-cli-cut\",Hostname=\"h9\"} 40 ").append(t + i * 1000L)
          .append('\n');
    }
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(gz)) {
      out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
    }
    Path cut = dir.resolve("h9.prom.gz");
    Files.write(cut, java.util.Arrays.copyOf(gz.toByteArray(), gz.size() / 2));
    Path whole = dir.resolve("h8.prom");
    Files.writeString(whole, "DCGM_FI_DEV_GPU_UTIL{gpu=\"0\",UUID=\"GPU-cli-whole\",Hostname=\"h8\"} 40 " + t + "\n");

    CliRun run = CliRun.of("ingest", "replay", "--kafka", KAFKA.bootstrapServers(), "--center", "gz01",
        cut.toString(), whole.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.output()).contains("2 files merged by event time");
    assertThat(run.errors()).contains("1 file broke", cut + " after line ", "Unexpected end of ZLIB input stream");
  }

  @Test
  void aMissingKafkaConfigFileIsSaidPlainly() {
    CliRun run = CliRun.of("ingest", "load", "--kafka", KAFKA.bootstrapServers(), "--kafka-config",
        dir.resolve("nope.properties").toString(), "--registry", "examples/centers.yaml");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.errors()).startsWith("litmeter load: Kafka client configuration " + dir.resolve("nope.properties")
        + " does not exist").doesNotContain("\tat ");
  }

  @Test
  void whatTheIngestSetAsideIsInClickHouseOnceHoweverOftenItWasSent() throws Exception {
    Path leases = dir.resolve("leases.csv");
    Files.writeString(leases, "ts,center,device_uuid,tenant,action\n,gz01,GPU-x,t,start\n2026-01-01T00:00:00Z,gz01,"
        + "GPU-y,t,lend\n");
    for (int i = 0; i < 2; i++) {
      CliRun load = CliRun.of("ingest", "load", "--kafka", KAFKA.bootstrapServers(), "--leases", leases.toString(),
          "--allow-rejects");
      assertThat(load.exit()).as(load.errors()).isZero();
    }
    List<DeadLetter> onTopic = TopicReader.read(KAFKA.bootstrapServers(), Topics.DEAD_LETTERS.name(),
        AvroCodec.of(DeadLetter.class), Integer.MAX_VALUE);
    Set<String> ingestKeys = new TreeSet<>();
    onTopic.stream().filter(d -> Set.of("load", "replay", "scrape").contains(d.getStage()))
        .forEach(d -> ingestKeys.add(DeadLetters.key(d)));
    assertThat(ingestKeys).contains("load/MISSING_FIELD/" + leases + "#2", "load/WRONG_TYPE/" + leases + "#3");
    assertThat(onTopic.stream().filter(d -> d.getOrigin().startsWith(leases.toString()))).as("sent twice").hasSize(4);

    GroundTruthRun.runBoundedJob(KAFKA.bootstrapServers(), CLICKHOUSE.endpoint(), "ingest-dead-letters-it", dir);
    Set<String> inTable = new TreeSet<>();
    CLICKHOUSE.sql().rows("SELECT stage, reason, origin FROM litmeter.dead_letters FINAL WHERE stage IN"
        + " ('load', 'replay', 'scrape')").forEach(r -> inTable.add(r.get("stage") + "/" + r.get("reason") + "/"
        + r.get("origin")));
    assertThat(inTable).isEqualTo(ingestKeys);
  }
}

package org.litmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.infra.local.FreePorts;
import org.litmeter.infra.local.JavaCommand;
import org.litmeter.infra.local.LocalStack;
import org.litmeter.ingest.kafka.LandedPositions;
import org.litmeter.simulation.FleetSimulator;
import org.litmeter.simulation.GroundTruth;
import org.litmeter.simulation.SimulationConfig;
import org.litmeter.schema.Topics;

/**
 * The ingest killed with SIGKILL while it produces, twice, and started again each time with the
 * same command ({@code ./litmeter ingest simulate}, its own JVM, against the real broker): Kafka
 * must end up holding every record of the run exactly once, and the job over it must give exactly
 * the simulator's rates and dead letters.
 */
class IngestRestartIT {

  private static final int CENTERS = 3;
  private static final int GPUS = 64;
  private static final int HOURS = 24;
  private static final long SEED = 5;

  @TempDir
  Path dir;

  private int starts;

  @Test
  void theIngestKilledTwiceWhileProducingAndRestartedLeavesNoGapAndNoDuplicate() throws Exception {
    SimulationConfig config = SimulationConfig.of(CENTERS, GPUS, Duration.ofHours(HOURS), SEED);
    long[] emissions = {0};
    long[] telemetry = {0};
    GroundTruth truth = new FleetSimulator(config).run(e -> {
      emissions[0]++;
      if (e.topic().equals(Topics.TELEMETRY)) {
        telemetry[0]++;
      }
    });
    try (LocalStack stack = LocalStack.start(dir, true, 2);
        ClickHouseSql sql = new ClickHouseSql(stack.clickhouse().endpoint())) {
      String kafka = stack.kafka().bootstrapServers();
      killWhenLanded(kafka, telemetry[0] / 4);
      killWhenLanded(kafka, telemetry[0] * 3 / 5);
      Process last = ingest(kafka);
      assertThat(last.waitFor(3, TimeUnit.MINUTES)).isTrue();
      String out = Files.readString(dir.resolve("ingest-" + starts + ".log"));
      assertThat(last.exitValue()).as(out).isZero();
      assertThat(out).as("the third start resumed").contains("were already in Kafka from an interrupted run");

      List<Long> positions = positionsInKafka(kafka);
      assertThat(positions).as("records of the run in Kafka").hasSize((int) emissions[0]);
      for (int i = 0; i < positions.size(); i++) {
        if (positions.get(i) != i + 1) {
          throw new AssertionError("position " + (i + 1) + " is missing or doubled: found " + positions.get(i));
        }
      }

      GroundTruthRun.runBoundedJob(kafka, stack.clickhouse().endpoint(), "ingest-restart-it", dir);
      GroundTruthRun.assertExactlyTheGroundTruth(truth, sql);
    }
  }

  /** Starts the ingest and kills it with SIGKILL once {@code records} telemetry records are in Kafka. */
  private void killWhenLanded(String kafka, long records) throws Exception {
    Process ingest = ingest(kafka);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(kafka),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.TELEMETRY.name(), Duration.ofSeconds(10))
          .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      FreePorts.await(records + " telemetry records in Kafka", Duration.ofMinutes(2), () -> !ingest.isAlive()
          || consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum() >= records);
    }
    assertThat(ingest.isAlive()).as("the ingest is still producing when it is killed").isTrue();
    ingest.destroyForcibly();
    assertThat(ingest.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(ingest.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
  }

  /** {@code ./litmeter ingest simulate ...} in a JVM of its own, its output in ingest-N.log. */
  private Process ingest(String kafka) throws IOException {
    starts++;
    return new ProcessBuilder(JavaCommand.guarded(List.of("-Xmx256m"), System.getProperty("java.class.path"),
        Litmeter.class.getName(), List.of("ingest", "simulate", "--kafka", kafka, "--centers",
            Integer.toString(CENTERS), "--gpus", Integer.toString(GPUS), "--duration", HOURS + "h",
            "--seed", Long.toString(SEED))))
        .redirectErrorStream(true).redirectOutput(dir.resolve("ingest-" + starts + ".log").toFile()).start();
  }

  private static Properties consumerProperties(String kafka) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return p;
  }

  /** The positions of the run's records in every topic, sorted. */
  private static List<Long> positionsInKafka(String kafka) {
    String run = IngestCommand.simulationRunId(CENTERS, GPUS, HOURS, SEED);
    List<Long> positions = new ArrayList<>();
    Map<String, Long> byTopic = new TreeMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(kafka),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      for (Topics.Spec topic : Topics.ALL) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10)).stream()
            .map(info -> new TopicPartition(topic.name(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
            long position = LandedPositions.positionOf(r, run);
            if (position > 0) {
              positions.add(position);
              byTopic.merge(topic.name(), 1L, Long::sum);
            }
          }
        }
      }
    }
    System.out.println("records of the run by topic: " + byTopic);
    positions.sort(null);
    return positions;
  }
}

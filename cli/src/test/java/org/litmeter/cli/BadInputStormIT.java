package org.litmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.infra.local.LocalStack;
import org.litmeter.ingest.kafka.RecordProducer;
import org.litmeter.ingest.kafka.TopicReader;
import org.litmeter.simulation.FleetSimulator;
import org.litmeter.simulation.GroundTruth;
import org.litmeter.simulation.SimulationConfig;
import org.litmeter.schema.AvroCodec;
import org.litmeter.schema.DeadLetter;
import org.litmeter.schema.Topics;

/**
 * A bad-input storm through the real pipeline: a third of the telemetry records are malformed in
 * eight different ways (not finite, out of range, missing center, far-future time, exposition text
 * instead of Avro, a corrupted schema fingerprint, truncated Avro). The good records must give
 * exactly the simulator's rates, and every bad one must be in the dead-letter topic and table with
 * its reason. (Throughput under the storm is measured by {@code ./litmeter bench}, not here.)
 */
class BadInputStormIT {

  @TempDir
  Path dir;

  @Test
  void aThirdOfTheRecordsMalformedLeavesTheGoodOnesExactAndEveryBadOneDeadLettered() throws Exception {
    SimulationConfig.Faults storm = new SimulationConfig.Faults(0.05, 0.01, 0.05, 0.01, 0.002, 0.5,
        Duration.ofSeconds(80), Duration.ofMinutes(30), true);
    try (LocalStack stack = LocalStack.start(dir, true, 2);
        ClickHouseSql sql = new ClickHouseSql(stack.clickhouse().endpoint())) {
      long[] telemetryRecords = {0};
      GroundTruth truth;
      try (RecordProducer producer = new RecordProducer(stack.kafka().bootstrapServers(), "storm-it")) {
        truth = new FleetSimulator(SimulationConfig.of(2, 32, Duration.ofHours(6), 21).withFaults(storm)).run(e -> {
          if (e.topic().equals(Topics.TELEMETRY)) {
            telemetryRecords[0]++;
          }
          producer.send(e);
        });
      }
      long malformed = truth.expectedDeadLetters().entrySet().stream()
          .filter(e -> !e.getKey().equals("LATE") && !e.getKey().equals("UNKNOWN_CENTER"))
          .mapToLong(Map.Entry::getValue).sum();
      assertThat((double) malformed / telemetryRecords[0]).as("share of malformed telemetry records")
          .isBetween(0.30, 0.37);

      GroundTruthRun.runBoundedJob(stack.kafka().bootstrapServers(), stack.clickhouse().endpoint(), "storm-it", dir);
      GroundTruthRun.assertExactlyTheGroundTruth(truth, sql);

      Map<String, Long> expected = new TreeMap<>(truth.expectedDeadLetters());
      Map<String, Long> topic = new TreeMap<>();
      for (DeadLetter d : TopicReader.read(stack.kafka().bootstrapServers(), Topics.DEAD_LETTERS.name(),
          AvroCodec.of(DeadLetter.class), Integer.MAX_VALUE)) {
        assertThat(d.getDetail()).as("a reason a human can read").isNotBlank();
        assertThat(d.getRaw().remaining()).as("the input as received").isPositive();
        topic.merge(d.getReason().toString(), 1L, Long::sum);
      }
      assertThat(topic).isEqualTo(expected);
    }
  }
}

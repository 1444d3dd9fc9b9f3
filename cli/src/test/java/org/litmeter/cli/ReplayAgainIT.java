package org.litmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.litmeter.ingest.kafka.TopicReader;
import org.litmeter.schema.AvroCodec;
import org.litmeter.schema.GpuSample;
import org.litmeter.schema.Topics;
import org.litmeter.testkit.KafkaBrokerExtension;

/**
 * {@code ./litmeter ingest replay} of the same recording started again (after a crash, or by
 * mistake) sends nothing twice: the replay resumes from what Kafka holds. The crash itself is
 * proven on {@code ingest simulate}, which shares the mechanism ({@link IngestRestartIT}).
 */
class ReplayAgainIT {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension(2);

  @Test
  void aReplayStartedAgainSendsNothingTwice() throws Exception {
    String recording = Litmeter.root().resolve("examples/gz01-node01.prom").toString();
    String[] replay = {"ingest", "replay", "--kafka", KAFKA.bootstrapServers(), "--center", "gz01", recording};
    CliRun first = CliRun.of(replay);
    assertThat(first.exit()).as(first.output()).isZero();
    int samples = samplesInKafka();
    assertThat(samples).isPositive();
    assertThat(first.output()).contains(String.format("%,d samples produced", samples));

    CliRun again = CliRun.of(replay);
    assertThat(again.exit()).as(again.output()).isZero();
    assertThat(again.output()).contains(String.format("%,d records were already in Kafka", samples));
    assertThat(samplesInKafka()).isEqualTo(samples);
  }

  private static int samplesInKafka() throws Exception {
    return TopicReader.read(KAFKA.bootstrapServers(), Topics.TELEMETRY.name(), AvroCodec.of(GpuSample.class),
        Integer.MAX_VALUE).size();
  }
}

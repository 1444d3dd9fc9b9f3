package org.litmeter.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.junit.jupiter.api.Test;
import org.litmeter.jobs.io.Decoded;
import org.litmeter.rates.LitThresholds;
import org.litmeter.rates.RatesFixtures;
import org.litmeter.rates.Reading;
import org.litmeter.rates.WindowClock;
import org.litmeter.schema.DeadLetter;
import org.litmeter.schema.GpuSample;

class PartitionLatenessFunctionTest extends RatesFixtures {

  private static OneInputStreamOperatorTestHarness<Decoded<GpuSample>, Reading> harness() throws Exception {
    return new OneInputStreamOperatorTestHarness<>(
        new ProcessOperator<>(new PartitionLatenessFunction(30_000, new WindowClock(60_000), LitThresholds.defaults())));
  }

  private static Decoded<GpuSample> sample(int partition, long offset, double minutes) {
    GpuSample s = GpuSample.newBuilder().setCenter(CENTER).setHost("h").setDeviceUuid(GPU_A).setDeviceIndex(0)
        .setVendor("nvidia").setModel(H100).setEventTime(Instant.ofEpochMilli(at(minutes))).setGpuUtil(50.0)
        .setTenant("team").build();
    return Decoded.of(s, "litmeter.telemetry", partition, offset);
  }

  @Test
  void marksLateReadingsAndSetsAsideTooLateOnes() throws Exception {
    try (var h = harness()) {
      h.open();
      h.processElement(sample(0, 0, 10), 0);
      h.processElement(sample(0, 1, 9), 0);
      h.processElement(sample(0, 2, 1), 0);
      assertThat(h.extractOutputValues()).extracting(r -> r.late).containsExactly(false, true);
      assertThat(h.extractOutputValues().get(0).tenant).isEqualTo("team");
      assertThat(h.getSideOutput(PartitionLatenessFunction.TOO_LATE)).extracting(StreamRecord::getValue)
          .extracting(DeadLetter::getReason, DeadLetter::getOrigin)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("LATE", "litmeter.telemetry-0@2"));
      assertThat(h.getSideOutput(PartitionLatenessFunction.VALID_SAMPLES))
          .as("every valid sample goes to the samples table once, the one too late for the rates included")
          .extracting(r -> r.getValue().getEventTime()).containsExactly(Instant.ofEpochMilli(at(10)),
              Instant.ofEpochMilli(at(9)), Instant.ofEpochMilli(at(1)));
    }
  }

  @Test
  void verdictsSurviveARestoreFromACheckpoint() throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = harness()) {
      h.open();
      h.processElement(sample(2, 0, 10), 0);
      snapshot = h.snapshot(1, 1);
    }
    try (var restored = harness()) {
      restored.initializeState(snapshot);
      restored.open();
      restored.processElement(sample(2, 1, 1), 0);
      assertThat(restored.extractOutputValues()).isEmpty();
      assertThat(restored.getSideOutput(PartitionLatenessFunction.TOO_LATE)).hasSize(1);
    }
  }
}

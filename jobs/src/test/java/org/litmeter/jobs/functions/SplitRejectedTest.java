package org.litmeter.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.litmeter.jobs.io.Decoded;
import org.litmeter.schema.DeadLetter;
import org.litmeter.schema.DeadLetters;
import org.litmeter.schema.GpuSample;
import org.litmeter.schema.RejectReason;

class SplitRejectedTest {

  @Test
  void deadLettersGoToTheSideOutputAndValuesOn() throws Exception {
    DeadLetter undecodable = DeadLetters.of(DeadLetters.JOB, "litmeter.telemetry-0@7", RejectReason.UNPARSABLE,
        "not Avro", null, null, null, new byte[] {1, 2});
    GpuSample sample = GpuSample.newBuilder().setCenter("c01").setHost("h").setDeviceUuid("GPU-a").setDeviceIndex(0)
        .setVendor("nvidia").setModel("H100").setEventTime(Instant.parse("2026-06-01T00:00:00Z")).build();
    try (var h = new OneInputStreamOperatorTestHarness<Decoded<GpuSample>, Decoded<GpuSample>>(
        new ProcessOperator<>(new SplitRejected<>()))) {
      h.open();
      h.processElement(Decoded.of(sample, "litmeter.telemetry", 0, 6), 0);
      h.processElement(Decoded.rejected(undecodable), 0);
      assertThat(h.getSideOutput(SplitRejected.REJECTED)).extracting(StreamRecord::getValue)
          .containsExactly(undecodable);
      assertThat(h.extractOutputValues()).extracting(d -> d.value).containsExactly(sample);
    }
  }
}

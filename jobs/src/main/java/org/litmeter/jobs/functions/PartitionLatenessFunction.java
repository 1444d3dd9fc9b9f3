package org.litmeter.jobs.functions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;
import org.litmeter.jobs.io.Decoded;
import org.litmeter.schema.DeadLetters;
import org.litmeter.rates.LitThresholds;
import org.litmeter.rates.PartitionLateness;
import org.litmeter.rates.Reading;
import org.litmeter.rates.WindowClock;
import org.litmeter.detect.CardMemory;
import org.litmeter.jobs.model.DeviceChange;
import org.litmeter.schema.DeadLetter;
import org.litmeter.schema.GpuSample;
import org.litmeter.schema.RejectReason;

/**
 * Hands every valid sample on to {@link #VALID_SAMPLES} (the samples table) and turns it into a
 * reading, judging each against its Kafka partition's watermark
 * ({@link PartitionLateness}): too-late samples go to the {@link #TOO_LATE} side output as dead
 * letters, late ones are marked and counted in their window. Runs chained to the telemetry source;
 * the newest event time per partition is checkpointed (as union state, so that every subtask sees
 * all partitions after a rescale), which keeps the verdicts the same across restarts.
 */
public class PartitionLatenessFunction extends ProcessFunction<Decoded<GpuSample>, Reading>
    implements CheckpointedFunction {

  public static final OutputTag<GpuSample> VALID_SAMPLES =
      new OutputTag<>("valid-samples", new AvroTypeInfo<>(GpuSample.class));
  public static final OutputTag<DeadLetter> TOO_LATE =
      new OutputTag<>("too-late-samples", new AvroTypeInfo<>(DeadLetter.class));
  /** Samples whose card reports more memory than its model is sold with ({@link CardMemory}). */
  public static final OutputTag<DeviceChange> OVERSIZED_MEMORY =
      new OutputTag<>("oversized-memory", TypeInformation.of(DeviceChange.class));

  private final long outOfOrdernessMillis;
  private final WindowClock clock;
  private final LitThresholds thresholds;
  private transient Map<String, Double> powerMinByModel;
  private transient CardMemory cardMemory;
  private transient PartitionLateness lateness;
  private transient ListState<long[]> checkpointed;
  private transient Counter tooLate;
  private transient Counter late;
  private transient Counter samples;

  public PartitionLatenessFunction(long outOfOrdernessMillis, WindowClock clock, LitThresholds thresholds) {
    this.outOfOrdernessMillis = outOfOrdernessMillis;
    this.clock = clock;
    this.thresholds = thresholds;
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    lateness = new PartitionLateness(outOfOrdernessMillis, clock);
    cardMemory = CardMemory.catalogue();
    checkpointed = context.getOperatorStateStore()
        .getUnionListState(new ListStateDescriptor<>("partition-newest", long[].class));
    for (long[] entry : checkpointed.get()) {
      lateness.restore((int) entry[0], entry[1]);
    }
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    List<long[]> entries = new ArrayList<>();
    for (int p = 0; p < lateness.partitions(); p++) {
      if (lateness.newest(p) != Long.MIN_VALUE) {
        entries.add(new long[] {p, lateness.newest(p)});
      }
    }
    checkpointed.update(entries);
  }

  @Override
  public void open(OpenContext openContext) {
    powerMinByModel = new HashMap<>();
    tooLate = getRuntimeContext().getMetricGroup().counter("tooLateSamples");
    late = getRuntimeContext().getMetricGroup().counter("lateSamples");
    samples = getRuntimeContext().getMetricGroup().counter("samples");
  }

  @Override
  public void processElement(Decoded<GpuSample> in, Context ctx, Collector<Reading> out) {
    GpuSample s = in.value;
    samples.inc();
    ctx.output(VALID_SAMPLES, s);
    long time = s.getEventTime().toEpochMilli();
    if (cardMemory.exceeds(s.getModel(), s.getFbTotalMib())) {
      ctx.output(OVERSIZED_MEMORY, DeviceChange.oversizedMemory(s.getCenter(), s.getDeviceUuid(), s.getModel(), time,
          s.getFbTotalMib(), cardMemory.nominalMib(s.getModel())));
    }
    PartitionLateness.Verdict verdict = lateness.check(in.partition, time);
    if (verdict == PartitionLateness.Verdict.TOO_LATE) {
      tooLate.inc();
      ctx.output(TOO_LATE, DeadLetters.of(DeadLetters.JOB, in.origin(), RejectReason.LATE,
          "arrived after its partition's watermark passed the end of its window plus the allowed lateness;"
              + " kept in litmeter.samples and counted when its day is restated",
          // the sample itself is in the samples table: the dead letter says which one it is
          s.getCenter(), s.getDeviceUuid(), time, "litmeter.samples center=" + s.getCenter() + " device_uuid="
              + s.getDeviceUuid() + " event_time_ms=" + time));
      return;
    }
    if (verdict == PartitionLateness.Verdict.LATE) {
      late.inc();
    }
    Reading r = Reading.of(s, powerMinWatts(s.getModel()));
    r.late = verdict == PartitionLateness.Verdict.LATE;
    r.partition = in.partition;
    r.offset = in.offset;
    out.collect(r);
  }

  /** Models are few and repeat in every sample: look each up once. */
  private double powerMinWatts(String model) {
    Double watts = powerMinByModel.get(model);
    if (watts == null) {
      watts = thresholds.powerMinWatts(model);
      powerMinByModel.put(model, watts);
    }
    return watts;
  }
}

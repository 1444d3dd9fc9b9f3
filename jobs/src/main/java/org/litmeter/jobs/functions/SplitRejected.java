package org.litmeter.jobs.functions;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.litmeter.jobs.io.Decoded;
import org.litmeter.schema.DeadLetter;

/**
 * Passes decoded values on and sends the dead letters of a source to the {@link #REJECTED} side
 * output. Chained to its source, it also reports how far the source's watermark trails the wall
 * clock ({@code watermarkLagMillis}): on telemetry, how stale the rates are; on a quiet topic
 * (registry, leases) it grows by design.
 */
public class SplitRejected<T> extends ProcessFunction<Decoded<T>, Decoded<T>> {

  public static final OutputTag<DeadLetter> REJECTED =
      new OutputTag<>("rejected", new AvroTypeInfo<>(DeadLetter.class));

  private transient volatile long watermark;

  @Override
  public void open(OpenContext context) {
    watermark = Long.MIN_VALUE;
    getRuntimeContext().getMetricGroup().gauge("watermarkLagMillis",
        () -> watermark == Long.MIN_VALUE ? -1L : System.currentTimeMillis() - watermark);
  }

  @Override
  public void processElement(Decoded<T> in, Context ctx, Collector<Decoded<T>> out) {
    watermark = ctx.timerService().currentWatermark();
    if (in.rejected != null) {
      ctx.output(REJECTED, in.rejected);
    } else {
      out.collect(in);
    }
  }
}

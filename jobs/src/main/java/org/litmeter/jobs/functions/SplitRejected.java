package org.litmeter.jobs.functions;

import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.litmeter.jobs.io.Decoded;
import org.litmeter.schema.DeadLetter;

/** Passes decoded values on and sends the dead letters of a source to the {@link #REJECTED} side output. */
public class SplitRejected<T> extends ProcessFunction<Decoded<T>, Decoded<T>> {

  public static final OutputTag<DeadLetter> REJECTED =
      new OutputTag<>("rejected", new AvroTypeInfo<>(DeadLetter.class));

  @Override
  public void processElement(Decoded<T> in, Context ctx, Collector<Decoded<T>> out) {
    if (in.rejected != null) {
      ctx.output(REJECTED, in.rejected);
    } else {
      out.collect(in);
    }
  }
}

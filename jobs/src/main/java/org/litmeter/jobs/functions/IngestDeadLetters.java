package org.litmeter.jobs.functions;

import java.util.Set;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.litmeter.jobs.io.Decoded;
import org.litmeter.schema.DeadLetter;
import org.litmeter.schema.DeadLetters;

/**
 * From the dead-letter topic, what the ingest set aside (scrape, replay, load), for the ClickHouse
 * table: the job writes its own there directly, and reading them back would store them twice. A
 * record of the topic that does not decode is itself a dead letter. The table keeps one row per
 * stage, reason and origin, so a topic read again changes nothing.
 */
public final class IngestDeadLetters implements FlatMapFunction<Decoded<DeadLetter>, DeadLetter> {

  private static final long serialVersionUID = 1L;
  private static final Set<String> INGEST_STAGES = Set.of(DeadLetters.SCRAPE, DeadLetters.REPLAY, DeadLetters.LOAD);

  @Override
  public void flatMap(Decoded<DeadLetter> in, Collector<DeadLetter> out) {
    if (in.rejected != null) {
      out.collect(in.rejected);
    } else if (INGEST_STAGES.contains(in.value.getStage())) {
      out.collect(in.value);
    }
  }
}

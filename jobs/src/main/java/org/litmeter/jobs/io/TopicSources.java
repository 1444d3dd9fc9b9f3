package org.litmeter.jobs.io;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.connector.source.Source;
import org.litmeter.schema.Topics;

/**
 * Where the job reads a topic from: Kafka ({@link KafkaIo}) on a cluster, memory in the tests of
 * the whole topology. Either way each record goes through the job's own {@link AvroKafkaDeserializer}
 * with the topic's check, so what the job decodes, validates and rejects does not depend on it.
 */
public interface TopicSources {

  /** A bounded or unbounded source of {@code topic}, decoding and validating every record. */
  <T extends SpecificRecordBase> Source<Decoded<T>, ?, ?> source(Topics.Spec topic, Class<T> type,
      AvroKafkaDeserializer.Check<T> check, AvroKafkaDeserializer.Identity<T> identity);

  /**
   * How many source subtasks a topic can keep busy, at most {@code jobParallelism} (a subtask
   * without anything to read would hold the watermark back for good).
   */
  int parallelismFor(Topics.Spec topic, int jobParallelism);
}

package org.litmeter.jobs.io;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.litmeter.schema.AvroCodec;

/** Writes records to a Kafka topic in litmeter's wire format, keyed so that replays overwrite. */
public final class AvroKafkaSerializer<T, A extends SpecificRecord> implements KafkaRecordSerializationSchema<T> {

  private static final long serialVersionUID = 1L;

  /** Turns the job's record into the Avro record on the topic. */
  public interface ToAvro<T, A> extends Serializable {
    A convert(T record);
  }

  /** The Kafka key of a record. */
  public interface Key<T> extends Serializable {
    String of(T record);
  }

  private final String topic;
  private final Class<A> avroType;
  private final ToAvro<T, A> toAvro;
  private final Key<T> key;
  private transient AvroCodec<A> codec;

  public AvroKafkaSerializer(String topic, Class<A> avroType, ToAvro<T, A> toAvro, Key<T> key) {
    this.topic = topic;
    this.avroType = avroType;
    this.toAvro = toAvro;
    this.key = key;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(T record, KafkaSinkContext context, Long timestamp) {
    if (codec == null) {
      codec = AvroCodec.of(avroType);
    }
    // no record timestamp (the producer stamps the time of writing): stamped with months-old event
    // times, a replay's rates would fall out of retention at once and the compacted alerts topic
    // would roll a segment per batch and compact away firing records straight away
    return new ProducerRecord<>(topic, null, null, key.of(record).getBytes(StandardCharsets.UTF_8),
        codec.encode(toAvro.convert(record)));
  }
}

package org.litmeter.jobs.io;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.litmeter.schema.DeadLetters;
import org.litmeter.schema.AvroCodec;
import org.litmeter.schema.DeadLetter;
import org.litmeter.schema.RecordValidator;
import org.litmeter.schema.UndecodableRecordException;

/**
 * Decodes Kafka values in litmeter's wire format and validates them. It never throws for bad
 * input: a value that does not decode or breaks a rule becomes a {@link DeadLetter} with the raw
 * bytes, the reason and the record's topic-partition@offset.
 */
public final class AvroKafkaDeserializer<T extends SpecificRecordBase>
    implements KafkaRecordDeserializationSchema<Decoded<T>> {

  private static final long serialVersionUID = 1L;

  /** The validation rules of the record type. */
  public interface Check<T> extends Serializable {
    RecordValidator.Rejection validate(RecordValidator validator, T record);
  }

  /** The center and device of a record, for a dead letter that failed a rule. */
  public interface Identity<T> extends Serializable {
    String[] centerAndDevice(T record);
  }

  private final Class<T> type;
  private final Check<T> check;
  private final Identity<T> identity;
  private final long maxClockSkewMillis;
  private transient AvroCodec<T> codec;
  private transient T reuse;
  private transient RecordValidator validator;

  public AvroKafkaDeserializer(Class<T> type, Check<T> check, Identity<T> identity, Duration maxClockSkew) {
    this.type = type;
    this.check = check;
    this.identity = identity;
    this.maxClockSkewMillis = maxClockSkew.toMillis();
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Decoded<T>> out) {
    if (codec == null) {
      codec = AvroCodec.of(type);
    }
    T value;
    try {
      // reusing the record is safe: every operator downstream is done with it when collect returns
      value = codec.decode(record.value(), reuse);
      reuse = value;
    } catch (UndecodableRecordException e) {
      String origin = DeadLetters.kafkaOrigin(record.topic(), record.partition(), record.offset());
      out.collect(Decoded.rejected(DeadLetters.of(DeadLetters.JOB, origin, e.reason(), e.getMessage(), null, null, null,
          record.value())));
      return;
    }
    if (validator == null) {
      // the future beyond the clock skew is rejected; the past is open for backfills
      validator = RecordValidator.upToNowPlus(Duration.ofMillis(maxClockSkewMillis));
    }
    RecordValidator.Rejection rejection = check.validate(validator, value);
    if (rejection != null) {
      String[] ids = identity.centerAndDevice(value);
      String origin = DeadLetters.kafkaOrigin(record.topic(), record.partition(), record.offset());
      out.collect(Decoded.rejected(DeadLetters.of(DeadLetters.JOB, origin, rejection.reason(), rejection.detail(), ids[0], ids[1],
          null, record.value())));
      return;
    }
    out.collect(Decoded.of(value, record.topic(), record.partition(), record.offset()));
  }

  @Override
  public TypeInformation<Decoded<T>> getProducedType() {
    return decodedType(type);
  }

  /** The Flink type of {@code Decoded<T>}: a POJO of an Avro value and an Avro dead letter. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <T extends SpecificRecordBase> TypeInformation<Decoded<T>> decodedType(Class<T> type) {
    try {
      return (TypeInformation) new PojoTypeInfo<>(Decoded.class, List.of(
          new PojoField(Decoded.class.getField("value"), new AvroTypeInfo<>(type)),
          new PojoField(Decoded.class.getField("rejected"), new AvroTypeInfo<>(DeadLetter.class)),
          new PojoField(Decoded.class.getField("topic"), Types.STRING),
          new PojoField(Decoded.class.getField("partition"), Types.INT),
          new PojoField(Decoded.class.getField("offset"), Types.LONG)));
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(e);
    }
  }
}

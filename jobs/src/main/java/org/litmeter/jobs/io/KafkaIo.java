package org.litmeter.jobs.io;

import java.time.Duration;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.litmeter.rates.RatesRow;
import org.litmeter.schema.DeadLetters;
import org.litmeter.schema.DeadLetter;
import org.litmeter.schema.Topics;
import org.litmeter.schema.UtilizationRates;

/** Kafka sources and sinks of the rates job. */
public final class KafkaIo {

  private final String bootstrapServers;
  private final String groupId;
  private final boolean bounded;
  private final Duration maxClockSkew;

  /**
   * @param bounded read up to the offsets that are latest at start and then finish (replays, tests,
   *     the demo); otherwise run forever
   */
  public KafkaIo(String bootstrapServers, String groupId, boolean bounded, Duration maxClockSkew) {
    this.bootstrapServers = bootstrapServers;
    this.groupId = groupId;
    this.bounded = bounded;
    this.maxClockSkew = maxClockSkew;
  }

  /** A source of one topic: committed offsets of the group, else the earliest. */
  public <T extends SpecificRecordBase> KafkaSource<Decoded<T>> source(Topics.Spec topic, Class<T> type,
      AvroKafkaDeserializer.Check<T> check, AvroKafkaDeserializer.Identity<T> identity) {
    KafkaSourceBuilder<Decoded<T>> builder = KafkaSource.<Decoded<T>>builder()
        .setBootstrapServers(bootstrapServers)
        .setTopics(topic.name())
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(new AvroKafkaDeserializer<>(type, check, identity, maxClockSkew))
        .setProperty("commit.offsets.on.checkpoint", "true");
    if (bounded) {
      builder.setBounded(OffsetsInitializer.latest());
    } else {
      builder.setProperty("partition.discovery.interval.ms", "60000");
    }
    return builder.build();
  }

  public KafkaSink<RatesRow> ratesSink() {
    return KafkaSink.<RatesRow>builder()
        .setBootstrapServers(bootstrapServers)
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .setRecordSerializer(new AvroKafkaSerializer<>(Topics.RATES.name(), UtilizationRates.class,
            RatesRecords::toAvro, RatesRow::key))
        .build();
  }

  public KafkaSink<DeadLetter> deadLetterSink() {
    return KafkaSink.<DeadLetter>builder()
        .setBootstrapServers(bootstrapServers)
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .setRecordSerializer(new AvroKafkaSerializer<DeadLetter, DeadLetter>(Topics.DEAD_LETTERS.name(),
            DeadLetter.class, d -> d, DeadLetters::key))
        .build();
  }
}

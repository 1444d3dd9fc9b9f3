package org.litmeter.jobs.io;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.litmeter.infra.kafka.KafkaConnection;
import org.litmeter.rates.RatesRow;
import org.litmeter.schema.Alert;
import org.litmeter.schema.DeadLetters;
import org.litmeter.schema.DeadLetter;
import org.litmeter.schema.Topics;
import org.litmeter.schema.UtilizationRates;

/** Kafka sources and sinks of the rates job. */
public final class KafkaIo implements TopicSources {

  private final KafkaConnection kafka;
  private final String groupId;
  private final boolean bounded;
  private final Duration maxClockSkew;

  /**
   * @param bounded read up to the offsets that are latest at start and then finish (replays, tests,
   *     the demo); otherwise run forever
   */
  public KafkaIo(String bootstrapServers, String groupId, boolean bounded, Duration maxClockSkew) {
    this(KafkaConnection.plain(bootstrapServers), groupId, bounded, maxClockSkew);
  }

  /** As {@link #KafkaIo(String, String, boolean, Duration)} on a cluster reached with its security properties. */
  public KafkaIo(KafkaConnection kafka, String groupId, boolean bounded, Duration maxClockSkew) {
    this.kafka = kafka;
    this.groupId = groupId;
    this.bounded = bounded;
    this.maxClockSkew = maxClockSkew;
  }

  /** A source of one topic: committed offsets of the group, else the earliest. */
  @Override
  public <T extends SpecificRecordBase> Source<Decoded<T>, ?, ?> source(Topics.Spec topic, Class<T> type,
      AvroKafkaDeserializer.Check<T> check, AvroKafkaDeserializer.Identity<T> identity) {
    KafkaSourceBuilder<Decoded<T>> builder = KafkaSource.<Decoded<T>>builder()
        .setProperties(kafka.properties())
        .setTopics(topic.name())
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(new AvroKafkaDeserializer<>(type, check, identity, maxClockSkew))
        .setProperty("commit.offsets.on.checkpoint", "true");
    if (bounded) {
      builder.setBounded(OffsetsInitializer.latest());
      return new RestorableBoundedSource<>(builder.build());
    }
    builder.setProperty("partition.discovery.interval.ms", "60000");
    return builder.build();
  }

  /** The topic's partitions, at most {@code jobParallelism}. */
  @Override
  public int parallelismFor(Topics.Spec topic, int jobParallelism) {
    try (Admin admin = Admin.create(kafka.properties())) {
      int partitions = admin.describeTopics(List.of(topic.name())).allTopicNames().get(30, TimeUnit.SECONDS)
          .get(topic.name()).partitions().size();
      return Math.min(partitions, jobParallelism);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing " + topic.name(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot describe topic " + topic.name() + " on " + kafka
          + " (create the topics first): " + e.getCause(), e);
    }
  }

  /** Rates records, each with its status after {@code revisionPeriod} ({@link RatesRecords}). */
  public KafkaSink<RatesRow> ratesSink(Duration revisionPeriod) {
    return KafkaSink.<RatesRow>builder()
        .setBootstrapServers(kafka.bootstrapServers())
        .setKafkaProducerConfig(kafka.properties())
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .setRecordSerializer(new AvroKafkaSerializer<>(Topics.RATES.name(), UtilizationRates.class,
            r -> RatesRecords.toAvro(r, revisionPeriod), RatesRow::key))
        .build();
  }

  public KafkaSink<Alert> alertSink() {
    return KafkaSink.<Alert>builder()
        .setBootstrapServers(kafka.bootstrapServers())
        .setKafkaProducerConfig(kafka.properties())
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .setRecordSerializer(new AvroKafkaSerializer<Alert, Alert>(Topics.ALERTS.name(), Alert.class, a -> a,
            Alert::getAlertId))
        .build();
  }

  public KafkaSink<DeadLetter> deadLetterSink() {
    return KafkaSink.<DeadLetter>builder()
        .setBootstrapServers(kafka.bootstrapServers())
        .setKafkaProducerConfig(kafka.properties())
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .setRecordSerializer(new AvroKafkaSerializer<DeadLetter, DeadLetter>(Topics.DEAD_LETTERS.name(),
            DeadLetter.class, d -> d, DeadLetters::key))
        .build();
  }
}

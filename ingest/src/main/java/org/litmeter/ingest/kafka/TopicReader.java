package org.litmeter.ingest.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.litmeter.infra.kafka.KafkaConnection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.litmeter.schema.AvroCodec;
import org.litmeter.schema.UndecodableRecordException;

/**
 * Reads what a topic holds now, from the beginning of every partition to the end offsets seen at
 * the start, without a consumer group: for evaluations, benchmarks and tests that inspect output.
 */
public final class TopicReader {

  private TopicReader() {}

  /** Decodes up to {@code max} records of {@code topic}, partition by partition; fails on a record it cannot decode. */
  public static <T extends SpecificRecord> List<T> read(String bootstrapServers, String topic, AvroCodec<T> codec, int max)
      throws UndecodableRecordException {
    return read(KafkaConnection.plain(bootstrapServers), topic, codec, max);
  }

  /** As {@link #read(String, String, AvroCodec, int)} on a cluster reached with its security properties. */
  public static <T extends SpecificRecord> List<T> read(KafkaConnection kafka, String topic, AvroCodec<T> codec,
      int max) throws UndecodableRecordException {
    Properties p = kafka.properties();
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<T> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      while (records.size() < max && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (records.size() < max && r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
            records.add(codec.decode(r.value()));
          }
        }
      }
    }
    return records;
  }
}

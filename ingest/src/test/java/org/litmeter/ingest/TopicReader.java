package org.litmeter.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.litmeter.schema.AvroCodec;
import org.litmeter.schema.UndecodableRecordException;

/** Reads a topic's records from the start, for tests. */
public final class TopicReader {

  private TopicReader() {}

  /** Every record now on the topic, decoded; waits until {@code done} holds or 30 s pass. */
  public static <T extends SpecificRecord> List<T> readAll(String bootstrapServers, String topic, Class<T> type,
      Predicate<List<T>> done) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    AvroCodec<T> codec = AvroCodec.of(type);
    List<T> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      int quietPolls = 0;
      while (System.nanoTime() < deadline && !(done.test(out) && quietPolls >= 2)) {
        var records = consumer.poll(Duration.ofMillis(300));
        quietPolls = records.isEmpty() ? quietPolls + 1 : 0;
        for (ConsumerRecord<byte[], byte[]> r : records) {
          try {
            out.add(codec.decode(r.value()));
          } catch (UndecodableRecordException e) {
            throw new AssertionError("undecodable record on " + topic, e);
          }
        }
      }
    }
    return out;
  }
}

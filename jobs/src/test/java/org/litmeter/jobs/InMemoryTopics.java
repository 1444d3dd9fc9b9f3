package org.litmeter.jobs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.litmeter.ingest.kafka.Emission;
import org.litmeter.jobs.io.AvroKafkaDeserializer;
import org.litmeter.jobs.io.Decoded;
import org.litmeter.jobs.io.TopicSources;
import org.litmeter.schema.Topics;

/**
 * The litmeter topics held in memory, each as one partition in the order its records were
 * emitted, and read back as bounded sources through the job's own decoder: what Kafka would hand
 * the job, without a broker. The records stay in this JVM (the MiniCluster's); a source carries
 * only the name under which it finds them.
 */
final class InMemoryTopics implements TopicSources, AutoCloseable {

  private static final Map<String, List<Emission>> HELD = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();
  private final Map<String, List<Emission>> topics = new HashMap<>();
  private final Duration maxClockSkew;

  InMemoryTopics(Duration maxClockSkew) {
    this.maxClockSkew = maxClockSkew;
  }

  /** Appends a record to its topic, as a producer would. */
  void send(Emission e) {
    topics.computeIfAbsent(e.topic().name(), t -> new ArrayList<>()).add(e);
  }

  @Override
  public <T extends SpecificRecordBase> Source<Decoded<T>, ?, ?> source(Topics.Spec topic, Class<T> type,
      AvroKafkaDeserializer.Check<T> check, AvroKafkaDeserializer.Identity<T> identity) {
    List<Emission> records = topics.getOrDefault(topic.name(), List.of());
    AvroKafkaDeserializer<T> decoder = new AvroKafkaDeserializer<>(type, check, identity, maxClockSkew);
    if (records.isEmpty()) {
      return new EmptyTopicSource<>(decoder.getProducedType());
    }
    String held = id + "/" + topic.name();
    HELD.put(held, records);
    return new DataGeneratorSource<>(new Reader<>(topic.name(), held, decoder), records.size(),
        decoder.getProducedType());
  }

  /** Lets go of the records once the jobs reading them have finished. */
  @Override
  public void close() {
    HELD.keySet().removeIf(k -> k.startsWith(id + "/"));
  }

  /** One partition per topic, so one source subtask. */
  @Override
  public int parallelismFor(Topics.Spec topic, int jobParallelism) {
    return 1;
  }

  /** Reads the record at an offset as the Kafka source would hand it to the decoder. */
  private static final class Reader<T extends SpecificRecordBase> implements GeneratorFunction<Long, Decoded<T>> {
    private final String topic;
    private final String held;
    private final AvroKafkaDeserializer<T> decoder;
    private transient List<Emission> records;
    private transient Decoded<T> decoded;
    private transient Collector<Decoded<T>> keep;

    Reader(String topic, String held, AvroKafkaDeserializer<T> decoder) {
      this.topic = topic;
      this.held = held;
      this.decoder = decoder;
    }

    @Override
    public Decoded<T> map(Long offset) {
      if (records == null) {
        records = HELD.get(held);
        keep = new Collector<>() {
          @Override
          public void collect(Decoded<T> record) {
            decoded = record;
          }

          @Override
          public void close() {}
        };
      }
      Emission e = records.get(Math.toIntExact(offset));
      byte[] key = e.key() == null ? null : e.key().getBytes(StandardCharsets.UTF_8);
      decoded = null;
      decoder.deserialize(new ConsumerRecord<>(topic, 0, offset, key, e.value()), keep);
      if (decoded == null) {
        throw new IllegalStateException("the decoder emitted nothing for " + topic + "@" + offset);
      }
      return decoded;
    }
  }
}

package org.litmeter.benchmarks.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.litmeter.schema.AvroCodec;
import org.litmeter.schema.GpuSample;

/**
 * The ceiling of this machine for the job's input: consume a topic from the start to its end and
 * decode every value, with as many threads as the job has parallel sources, and nothing else.
 */
final class RawConsumeRate {

  /** Records decoded and the wall time it took. */
  record Result(long records, long failures, Duration elapsed) {
    double perSecond() {
      return records / (elapsed.toNanos() / 1e9);
    }
  }

  private RawConsumeRate() {}

  static Result measure(String bootstrapServers, String topic, int threads) throws Exception {
    List<TopicPartition> partitions = new ArrayList<>();
    Map<TopicPartition, Long> ends;
    try (KafkaConsumer<byte[], byte[]> probe = consumer(bootstrapServers)) {
      for (PartitionInfo p : probe.partitionsFor(topic)) {
        partitions.add(new TopicPartition(topic, p.partition()));
      }
      ends = new HashMap<>(probe.endOffsets(partitions));
    }
    AtomicLong decoded = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long started = System.nanoTime();
    List<Future<?>> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      List<TopicPartition> mine = new ArrayList<>();
      for (int i = t; i < partitions.size(); i += threads) {
        mine.add(partitions.get(i));
      }
      running.add(pool.submit(() -> {
        consume(bootstrapServers, mine, ends, decoded, failures);
        return null;
      }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    pool.shutdown();
    return new Result(decoded.get(), failures.get(), Duration.ofNanos(System.nanoTime() - started));
  }

  private static void consume(String bootstrapServers, List<TopicPartition> partitions, Map<TopicPartition, Long> ends,
      AtomicLong decoded, AtomicLong failures) {
    if (partitions.isEmpty()) {
      return;
    }
    AvroCodec<GpuSample> codec = AvroCodec.of(GpuSample.class);
    GpuSample reuse = new GpuSample();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> remaining = new HashMap<>();
      partitions.forEach(p -> remaining.put(p, ends.get(p)));
      while (!remaining.isEmpty()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          try {
            codec.decode(r.value(), reuse);
            decoded.incrementAndGet();
          } catch (Exception e) {
            failures.incrementAndGet();
          }
        }
        remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
      }
    }
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 32 * 1024 * 1024);
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}

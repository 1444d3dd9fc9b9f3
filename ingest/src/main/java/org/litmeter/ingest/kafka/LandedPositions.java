package org.litmeter.ingest.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.litmeter.infra.kafka.KafkaConnection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Where a deterministic run of producing (a replay, a simulation) stopped, read from Kafka itself:
 * every record of the run carries the run's id and its position in the run in two headers, and
 * for each partition the newest record of the run in the log gives the last position that landed
 * there. The idempotent producer lands a partition's records in order without gaps, so a rerun
 * that skips, per partition, every position up to that one and sends the rest leaves no gap and
 * no duplicate, however the earlier run ended (SIGKILL included). No file to keep in step with
 * the log, no transactions.
 *
 * <p>Only one instance of a run may produce at a time, and the topic's partition count must not
 * change between the runs: each record carries the count it was partitioned with, and a rerun
 * that sees another count refuses to guess.
 */
public final class LandedPositions implements AutoCloseable {

  public static final String RUN_HEADER = "litmeter-run";
  public static final String POSITION_HEADER = "litmeter-position";
  /** Records read from the end of a partition per step of the backward search. */
  private static final int FIRST_STEP = 2_000;

  private final String run;
  private final byte[] runBytes;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<String, long[]> landed = new HashMap<>();

  public LandedPositions(KafkaConnection kafka, String run) {
    this.run = run;
    this.runBytes = run.getBytes(StandardCharsets.UTF_8);
    Properties p = kafka.properties();
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * The last position of this run that landed in each partition of {@code topic} (0: none), indexed
   * by partition; its length is the partition count producing must use. Read once per topic.
   */
  public long[] lastLanded(String topic) {
    return landed.computeIfAbsent(topic, this::search);
  }

  /** The two headers of this run's record at {@code position}, partitioned among {@code partitions}. */
  public void mark(Headers headers, long position, int partitions) {
    headers.add(RUN_HEADER, runBytes);
    headers.add(POSITION_HEADER, ByteBuffer.allocate(12).putLong(position).putInt(partitions).array());
  }

  /** The position a record carries when it belongs to {@code run}, else 0. */
  public static long positionOf(ConsumerRecord<?, ?> record, String run) {
    ByteBuffer position = positionHeader(record, run.getBytes(StandardCharsets.UTF_8));
    return position == null ? 0 : position.getLong(0);
  }

  /** The position header (position, then the partition count) of a record of {@code run}, else null. */
  private static ByteBuffer positionHeader(ConsumerRecord<?, ?> record, byte[] run) {
    Header r = record.headers().lastHeader(RUN_HEADER);
    Header p = record.headers().lastHeader(POSITION_HEADER);
    return r == null || p == null || !Arrays.equals(r.value(), run) ? null : ByteBuffer.wrap(p.value());
  }

  private long[] search(String topic) {
    int n = consumer.partitionsFor(topic, Duration.ofSeconds(60)).size();
    if (n == 0) {
      throw new IllegalStateException("topic " + topic + " does not exist: create the litmeter topics first");
    }
    long[] last = new long[n];
    for (int partition = 0; partition < n; partition++) {
      last[partition] = search(new TopicPartition(topic, partition), n);
    }
    return last;
  }

  /** Reads ever larger tails of the partition until a record of the run turns up or the log's start is reached. */
  private long search(TopicPartition tp, int partitions) {
    consumer.assign(List.of(tp));
    long begin = consumer.beginningOffsets(List.of(tp), Duration.ofSeconds(60)).get(tp);
    long end = consumer.endOffsets(List.of(tp), Duration.ofSeconds(60)).get(tp);
    long step = FIRST_STEP;
    long to = end;
    while (to > begin) {
      long from = Math.max(begin, to - step);
      long last = newestIn(tp, from, to, partitions);
      if (last > 0) {
        return last;
      }
      to = from;
      step *= 8;
    }
    return 0;
  }

  /** The highest position of the run among offsets [from, to) of the partition; 0 if none. */
  private long newestIn(TopicPartition tp, long from, long to, int partitions) {
    consumer.seek(tp, from);
    long newest = 0;
    while (consumer.position(tp) < to) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500)).records(tp)) {
        if (r.offset() >= to) {
          break;
        }
        ByteBuffer position = positionHeader(r, runBytes);
        if (position != null) {
          int partitionedAmong = position.getInt(8);
          if (partitionedAmong != partitions) {
            throw new IllegalStateException(String.format(
                "run '%s' wrote %s when it had %d partitions, it has %d now: cannot tell what landed where",
                run, tp, partitionedAmong, partitions));
          }
          newest = Math.max(newest, position.getLong(0));
        }
      }
    }
    return newest;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(10));
  }
}

package org.litmeter.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.litmeter.infra.kafka.KafkaConnection;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Produces litmeter records to Kafka without loss or duplication: idempotent, acks=all, keyed by
 * device (so a device's samples stay in order on one partition), with bounded buffering: when
 * Kafka is slow or down, {@link #send} blocks (back-pressure on the caller) instead of growing
 * memory. {@link #close} flushes everything before it returns.
 *
 * <p>A producer made {@link #resuming} numbers every record of a deterministic run and, when the
 * run was interrupted before, sends only what did not land then ({@link LandedPositions}).
 *
 * <p>The Kafka record timestamp is the time of producing, not the sample's event time (which is in
 * the value): topic retention works on record timestamps, and a months-old backfill stamped with
 * its event times would be deleted as soon as it was written.
 */
public final class RecordProducer implements AutoCloseable {

  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
  private LandedPositions landed;
  private long position;
  private long skipped;

  public RecordProducer(String bootstrapServers, String clientId, long bufferBytes) {
    this(KafkaConnection.plain(bootstrapServers), clientId, bufferBytes);
  }

  public RecordProducer(KafkaConnection kafka, String clientId, long bufferBytes) {
    Properties p = kafka.properties();
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, bufferBytes);
    // how long send() may block on a full buffer before it gives up; long enough to ride out a broker restart
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Duration.ofMinutes(5).toMillis());
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(10).toMillis());
    producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  public RecordProducer(String bootstrapServers, String clientId) {
    this(KafkaConnection.plain(bootstrapServers), clientId);
  }

  public RecordProducer(KafkaConnection kafka, String clientId) {
    this(kafka, clientId, 32L * 1024 * 1024);
  }

  /**
   * A producer for the deterministic run {@code run}: it sends the same records in the same order
   * every time it is started, and skips those an earlier, interrupted start already landed. One
   * thread drives it: the position of a record is its place in the order of {@link #send} calls.
   */
  public static RecordProducer resuming(KafkaConnection kafka, String clientId, String run) {
    RecordProducer producer = new RecordProducer(kafka, clientId);
    producer.landed = new LandedPositions(kafka, run);
    return producer;
  }

  /** Sends one record; blocks while the producer's buffer is full. */
  public void send(String topic, String key, byte[] value) {
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    ProducerRecord<byte[], byte[]> record;
    if (landed == null) {
      record = new ProducerRecord<>(topic, keyBytes, value);
    } else {
      position++;
      long[] last = landed.lastLanded(topic);
      // Kafka's default partitioner for a keyed record, computed here to know which log to compare with
      int partition = Utils.toPositive(Utils.murmur2(keyBytes)) % last.length;
      if (position <= last[partition]) {
        skipped++;
        return;
      }
      record = new ProducerRecord<>(topic, partition, keyBytes, value);
      landed.mark(record.headers(), position, last.length);
    }
    producer.send(record, (metadata, e) -> {
      if (e == null) {
        sent.incrementAndGet();
      } else {
        failed.incrementAndGet();
        firstFailure.compareAndSet(null, e);
      }
    });
  }

  public void send(Emission e) {
    send(e.topic().name(), e.key(), e.value());
  }

  /** Records Kafka acknowledged. */
  public long sent() {
    return sent.get();
  }

  /** Records of a resumed run not sent because an earlier start landed them. */
  public long skipped() {
    return skipped;
  }

  /** Records Kafka rejected after all retries. */
  public long failed() {
    return failed.get();
  }

  /** Waits until everything sent so far is acknowledged; fails if anything was lost. */
  public void flush() {
    producer.flush();
    Exception e = firstFailure.get();
    if (e != null) {
      throw new IllegalStateException(failed.get() + " records could not be produced; first error: " + e, e);
    }
  }

  @Override
  public void close() {
    try {
      flush();
    } finally {
      producer.close(Duration.ofSeconds(30));
      if (landed != null) {
        landed.close();
      }
    }
  }
}

package org.litmeter.ingest.ship;

import java.util.concurrent.atomic.AtomicLong;
import org.litmeter.ingest.kafka.RecordProducer;
import org.litmeter.schema.AvroCodec;
import org.litmeter.schema.DeadLetter;
import org.litmeter.schema.DeadLetters;
import org.litmeter.schema.GpuSample;
import org.litmeter.schema.Topics;

/**
 * Hands samples and dead letters to Kafka and counts them: samples keyed by device on the telemetry
 * topic, dead letters on the dead-letter topic. Thread-safe; blocks while Kafka's buffer is full.
 */
public final class TelemetryShipper implements AutoCloseable {

  private final RecordProducer producer;
  private final IngestMetrics metrics;
  private final AvroCodec<GpuSample> samples = AvroCodec.of(GpuSample.class);
  private final AvroCodec<DeadLetter> deadLetters = AvroCodec.of(DeadLetter.class);
  private final AtomicLong deadLettersShipped = new AtomicLong();

  public TelemetryShipper(RecordProducer producer, IngestMetrics metrics) {
    this.producer = producer;
    this.metrics = metrics;
    metrics.watchProducer(producer::failed);
  }

  public void sample(GpuSample s) {
    producer.send(Topics.TELEMETRY.name(), s.getDeviceUuid(), samples.encode(s));
    metrics.countProduced(s.getCenter());
  }

  public void deadLetter(DeadLetter d) {
    producer.send(Topics.DEAD_LETTERS.name(), DeadLetters.key(d), deadLetters.encode(d));
    metrics.countRejected(d.getStage(), d.getReason());
    deadLettersShipped.incrementAndGet();
  }

  public long deadLettersShipped() {
    return deadLettersShipped.get();
  }

  public IngestMetrics metrics() {
    return metrics;
  }

  /** Waits until Kafka acknowledged everything shipped so far. */
  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
  }
}

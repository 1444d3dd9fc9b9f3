package org.litmeter.schema;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Builds {@link DeadLetter}s: the same fields wherever input is set aside. */
public final class DeadLetters {

  /** Where input was set aside. */
  public static final String SCRAPE = "scrape";
  public static final String REPLAY = "replay";
  public static final String LOAD = "load";
  public static final String JOB = "job";
  /** An alert the job could not deliver to Alertmanager or a webhook. */
  public static final String ALERT_DELIVERY = "alert-delivery";

  private DeadLetters() {}

  /** The origin of a Kafka record: {@code topic-partition@offset}, unique per record. */
  public static String kafkaOrigin(String topic, int partition, long offset) {
    return topic + "-" + partition + "@" + offset;
  }

  public static DeadLetter of(String stage, String origin, RejectReason reason, String detail, String center,
      String deviceUuid, Long eventTime, byte[] raw) {
    return DeadLetter.newBuilder()
        .setStage(stage)
        .setOrigin(origin)
        .setReason(reason.name())
        .setDetail(detail)
        .setCenter(center)
        .setDeviceUuid(deviceUuid)
        .setEventTime(eventTime == null ? null : Instant.ofEpochMilli(eventTime))
        .setRaw(ByteBuffer.wrap(raw == null ? new byte[0] : raw))
        .build();
  }

  public static DeadLetter of(String stage, String origin, RejectReason reason, String detail, String center,
      String deviceUuid, Long eventTime, String raw) {
    return of(stage, origin, reason, detail, center, deviceUuid, eventTime, raw.getBytes(StandardCharsets.UTF_8));
  }

  /** The Kafka key of a dead letter: stage, reason and origin identify it. */
  public static String key(DeadLetter d) {
    return d.getStage() + "/" + d.getReason() + "/" + d.getOrigin();
  }
}

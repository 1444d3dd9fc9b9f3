package org.litmeter.jobs.io;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.litmeter.schema.DeadLetter;
import org.litmeter.schema.RejectReason;

/** Dead letters set aside by the job. */
public final class DeadLetters {

  public static final String STAGE = "job";

  private DeadLetters() {}

  /** The origin of a Kafka record: {@code topic-partition@offset}, unique per record. */
  public static String kafkaOrigin(String topic, int partition, long offset) {
    return topic + "-" + partition + "@" + offset;
  }

  public static DeadLetter of(String origin, RejectReason reason, String detail, String center,
      String deviceUuid, Long eventTime, byte[] raw) {
    return DeadLetter.newBuilder()
        .setStage(STAGE)
        .setOrigin(origin)
        .setReason(reason.name())
        .setDetail(detail)
        .setCenter(center)
        .setDeviceUuid(deviceUuid)
        .setEventTime(eventTime == null ? null : Instant.ofEpochMilli(eventTime))
        .setRaw(ByteBuffer.wrap(raw == null ? new byte[0] : raw))
        .build();
  }

  public static DeadLetter of(String origin, RejectReason reason, String detail, String center,
      String deviceUuid, Long eventTime, String raw) {
    return of(origin, reason, detail, center, deviceUuid, eventTime, raw.getBytes(StandardCharsets.UTF_8));
  }
}

package org.litmeter.jobs.clickhouse;

import java.nio.ByteBuffer;
import java.util.List;
import org.litmeter.schema.DeadLetter;

/** Dead letters into {@code litmeter.dead_letters}, stamped with the time they are written. */
public final class DeadLettersTable implements ClickHouseTable<DeadLetter> {

  private static final long serialVersionUID = 1L;

  @Override
  public String table() {
    return "litmeter.dead_letters";
  }

  @Override
  public List<String> columns() {
    return List.of("stage", "origin", "reason", "detail", "center", "device_uuid", "event_time", "raw",
        "recorded_at");
  }

  @Override
  public void encode(DeadLetter d, RowBinaryWriter out) {
    out.writeString(d.getStage());
    out.writeString(d.getOrigin());
    out.writeString(d.getReason());
    out.writeString(d.getDetail());
    out.writeNullableString(d.getCenter());
    out.writeNullableString(d.getDeviceUuid());
    out.writeNullableDateTime(d.getEventTime() == null ? null : d.getEventTime().toEpochMilli());
    ByteBuffer raw = d.getRaw().duplicate();
    byte[] bytes = new byte[raw.remaining()];
    raw.get(bytes);
    out.writeBytes(bytes, 0, bytes.length);
    out.writeDateTime(System.currentTimeMillis());
    out.endRow();
  }
}

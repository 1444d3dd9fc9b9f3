package org.litmeter.jobs.clickhouse;

import java.util.List;
import java.util.Locale;
import org.litmeter.jobs.model.DeviceChange;

/** Inventory and lease events into {@code litmeter.device_events}. */
public final class DeviceEventsTable implements ClickHouseTable<DeviceChange> {

  private static final long serialVersionUID = 1L;

  @Override
  public String table() {
    return "litmeter.device_events";
  }

  @Override
  public List<String> columns() {
    return List.of("center", "device_uuid", "event_time", "event_time_ms", "kind", "action", "tenant", "serial");
  }

  @Override
  public void encode(DeviceChange c, RowBinaryWriter out) {
    boolean inventory = c.inventory != null;
    out.writeString(c.center);
    out.writeString(c.deviceUuid);
    out.writeDateTime(c.eventTime);
    out.writeUInt64(c.eventTime);
    out.writeInt8(inventory ? 1 : 2);
    out.writeString((inventory ? c.inventory.name() : c.lease.name()).toLowerCase(Locale.ROOT));
    out.writeNullableString(c.tenant);
    out.writeNullableString(c.serial);
    out.endRow();
  }
}

package org.litmeter.jobs.clickhouse;

import java.time.LocalDate;
import java.util.List;
import org.litmeter.schema.CenterRegistration;
import org.litmeter.schema.Region;

/** Registry records into {@code litmeter.centers}. */
public final class CentersTable implements ClickHouseTable<CenterRegistration> {

  private static final long serialVersionUID = 1L;

  @Override
  public String table() {
    return "litmeter.centers";
  }

  @Override
  public List<String> columns() {
    return List.of("center_id", "name", "province", "region", "planned_accelerators", "acceptance_start",
        "acceptance_end", "updated_at");
  }

  @Override
  public void encode(CenterRegistration c, RowBinaryWriter out) {
    out.writeString(c.getCenterId());
    out.writeString(c.getName());
    out.writeString(c.getProvince());
    out.writeInt8(c.getRegion() == Region.EAST ? 1 : c.getRegion() == Region.WEST ? 2 : 0);
    out.writeUInt32(c.getPlannedAccelerators());
    out.writeNullableDate(epochDay(c.getAcceptanceStart()));
    out.writeNullableDate(epochDay(c.getAcceptanceEnd()));
    out.writeDateTime(c.getUpdatedAt().toEpochMilli());
    out.endRow();
  }

  private static Long epochDay(LocalDate date) {
    return date == null ? null : date.toEpochDay();
  }
}

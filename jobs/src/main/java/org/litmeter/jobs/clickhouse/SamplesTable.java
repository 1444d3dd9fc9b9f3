package org.litmeter.jobs.clickhouse;

import java.time.Instant;
import java.util.List;
import org.litmeter.schema.GpuSample;

/**
 * Valid samples into {@code litmeter.samples}, for analysts and as the store of record that
 * restatements read back ({@link #decode}). The values the rate rules read (utilization, SM
 * activity, power) are stored as Float64, so a sample read back is the sample that was written.
 */
public final class SamplesTable implements ClickHouseTable<GpuSample> {

  private static final long serialVersionUID = 1L;

  @Override
  public String table() {
    return "litmeter.samples";
  }

  @Override
  public List<String> columns() {
    return List.of("center", "host", "device_uuid", "device_index", "vendor", "model", "event_time",
        "event_time_ms", "gpu_util", "sm_active", "sm_occupancy", "tensor_active", "dram_active",
        "gr_engine_active", "power_w", "energy_mj", "fb_used_mib", "temperature_c", "xid_last",
        "pcie_tx_bytes_per_s", "pcie_rx_bytes_per_s", "tenant", "serial", "mig_profile", "source",
        "fb_total_mib", "error_code");
  }

  @Override
  public void encode(GpuSample s, RowBinaryWriter out) {
    long time = s.getEventTime().toEpochMilli();
    out.writeString(s.getCenter());
    out.writeString(s.getHost());
    out.writeString(s.getDeviceUuid());
    out.writeUInt16(s.getDeviceIndex());
    out.writeString(s.getVendor());
    out.writeString(s.getModel());
    out.writeDateTime(time);
    out.writeUInt64(time);
    out.writeNullableFloat64(s.getGpuUtil());
    out.writeNullableFloat64(s.getSmActive());
    out.writeNullableFloat32(s.getSmOccupancy());
    out.writeNullableFloat32(s.getTensorActive());
    out.writeNullableFloat32(s.getDramActive());
    out.writeNullableFloat32(s.getGrEngineActive());
    out.writeNullableFloat64(s.getPowerW());
    out.writeNullableUInt64(s.getEnergyMj());
    out.writeNullableFloat32(s.getFbUsedMib());
    out.writeNullableFloat32(s.getTemperatureC());
    out.writeNullableUInt32(s.getXidLast());
    out.writeNullableFloat64(s.getPcieTxBytesPerS());
    out.writeNullableFloat64(s.getPcieRxBytesPerS());
    out.writeNullableString(s.getTenant());
    out.writeNullableString(s.getSerial());
    out.writeNullableString(s.getMigProfile());
    out.writeString(s.getSource());
    out.writeNullableFloat32(s.getFbTotalMib());
    out.writeNullableUInt64(s.getErrorCode());
    out.endRow();
  }

  /**
   * A sample from the cells of one row of {@code SELECT <columns()> ... FORMAT TabSeparated}, in
   * the order of {@link #columns()}; SQL NULL as Java null.
   */
  public GpuSample decode(List<String> cells) {
    return GpuSample.newBuilder()
        .setCenter(cells.get(0))
        .setHost(cells.get(1))
        .setDeviceUuid(cells.get(2))
        .setDeviceIndex(Integer.parseInt(cells.get(3)))
        .setVendor(cells.get(4))
        .setModel(cells.get(5))
        .setEventTime(Instant.ofEpochMilli(Long.parseLong(cells.get(7))))
        .setGpuUtil(doubleOrNull(cells.get(8)))
        .setSmActive(doubleOrNull(cells.get(9)))
        .setSmOccupancy(doubleOrNull(cells.get(10)))
        .setTensorActive(doubleOrNull(cells.get(11)))
        .setDramActive(doubleOrNull(cells.get(12)))
        .setGrEngineActive(doubleOrNull(cells.get(13)))
        .setPowerW(doubleOrNull(cells.get(14)))
        .setEnergyMj(cells.get(15) == null ? null : Long.parseUnsignedLong(cells.get(15)))
        .setFbUsedMib(doubleOrNull(cells.get(16)))
        .setTemperatureC(doubleOrNull(cells.get(17)))
        .setXidLast(cells.get(18) == null ? null : (int) Long.parseLong(cells.get(18)))
        .setPcieTxBytesPerS(doubleOrNull(cells.get(19)))
        .setPcieRxBytesPerS(doubleOrNull(cells.get(20)))
        .setTenant(cells.get(21))
        .setSerial(cells.get(22))
        .setMigProfile(cells.get(23))
        .setSource(cells.get(24))
        .setFbTotalMib(doubleOrNull(cells.get(25)))
        .setErrorCode(cells.get(26) == null ? null : Long.parseLong(cells.get(26)))
        .build();
  }

  private static Double doubleOrNull(String cell) {
    return cell == null ? null : Double.valueOf(cell);
  }
}

package org.litmeter.jobs.clickhouse;

import java.util.List;
import org.litmeter.schema.GpuSample;

/** Valid samples into {@code litmeter.samples}, for analysts. */
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
        "pcie_tx_bytes_per_s", "pcie_rx_bytes_per_s", "tenant", "serial", "mig_profile", "source");
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
    out.writeNullableFloat32(s.getGpuUtil());
    out.writeNullableFloat32(s.getSmActive());
    out.writeNullableFloat32(s.getSmOccupancy());
    out.writeNullableFloat32(s.getTensorActive());
    out.writeNullableFloat32(s.getDramActive());
    out.writeNullableFloat32(s.getGrEngineActive());
    out.writeNullableFloat32(s.getPowerW());
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
    out.endRow();
  }
}

package org.litmeter.ingest.exporters;

/** The telemetry fields of a {@code GpuSample} that exporter metrics fill. */
public enum TelemetryField {
  GPU_UTIL, SM_ACTIVE, SM_OCCUPANCY, TENSOR_ACTIVE, DRAM_ACTIVE, GR_ENGINE_ACTIVE, POWER_W, ENERGY_MJ, FB_USED_MIB,
  /** Free and reserved framebuffer: with the used one they make the total when no total is exported. */
  FB_FREE_MIB, FB_RESERVED_MIB, FB_TOTAL_MIB,
  TEMPERATURE_C, XID_LAST,
  /** An error code wider than an XID (Ascend's). */
  ERROR_CODE, PCIE_TX_BYTES_PER_S, PCIE_RX_BYTES_PER_S
}

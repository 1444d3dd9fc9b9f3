package org.litmeter.ingest.exporters;

import java.util.List;
import java.util.Map;

/**
 * What one kind of exporter exposes: which metric fills which telemetry field, and which labels
 * name the device, its index, model, host, MIG profile and serial. Adding an exporter is adding a
 * dialect, not code.
 *
 * @param source the {@code source} written into each sample
 * @param uuidLabel the label holding the device's stable identity
 * @param instanceLabel a label that makes a sub-device (a MIG instance) a device of its own, or null
 * @param indexLabel the device's index on its host
 * @param hostLabels labels that may hold the host name, first present wins
 */
public record ExporterDialect(String source, String vendor, Map<String, TelemetryField> metrics, String uuidLabel,
    String instanceLabel, String indexLabel, String modelLabel, List<String> hostLabels, String profileLabel,
    String serialLabel, String defaultModel) {

  /**
   * NVIDIA dcgm-exporter: {@code DCGM_FI_*} metrics; labels gpu, UUID, modelName, Hostname (older) or
   * hostname (newer), GPU_I_PROFILE and GPU_I_ID on MIG instances, DCGM_FI_DEV_SERIAL when enabled.
   */
  public static final ExporterDialect DCGM = new ExporterDialect("dcgm-exporter", "nvidia", Map.ofEntries(
      Map.entry("DCGM_FI_DEV_GPU_UTIL", TelemetryField.GPU_UTIL),
      Map.entry("DCGM_FI_PROF_SM_ACTIVE", TelemetryField.SM_ACTIVE),
      Map.entry("DCGM_FI_PROF_SM_OCCUPANCY", TelemetryField.SM_OCCUPANCY),
      Map.entry("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", TelemetryField.TENSOR_ACTIVE),
      Map.entry("DCGM_FI_PROF_DRAM_ACTIVE", TelemetryField.DRAM_ACTIVE),
      Map.entry("DCGM_FI_PROF_GR_ENGINE_ACTIVE", TelemetryField.GR_ENGINE_ACTIVE),
      Map.entry("DCGM_FI_DEV_POWER_USAGE", TelemetryField.POWER_W),
      Map.entry("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", TelemetryField.ENERGY_MJ),
      Map.entry("DCGM_FI_DEV_FB_USED", TelemetryField.FB_USED_MIB),
      Map.entry("DCGM_FI_DEV_FB_FREE", TelemetryField.FB_FREE_MIB),
      Map.entry("DCGM_FI_DEV_FB_RESERVED", TelemetryField.FB_RESERVED_MIB),
      Map.entry("DCGM_FI_DEV_GPU_TEMP", TelemetryField.TEMPERATURE_C),
      Map.entry("DCGM_FI_DEV_XID_ERRORS", TelemetryField.XID_LAST),
      Map.entry("DCGM_FI_PROF_PCIE_TX_BYTES", TelemetryField.PCIE_TX_BYTES_PER_S),
      Map.entry("DCGM_FI_PROF_PCIE_RX_BYTES", TelemetryField.PCIE_RX_BYTES_PER_S)),
      "UUID", "GPU_I_ID", "gpu", "modelName", List.of("Hostname", "hostname"), "GPU_I_PROFILE",
      "DCGM_FI_DEV_SERIAL", "NVIDIA GPU");

  /**
   * Huawei Ascend npu-exporter (MindCluster): {@code npu_chip_info_*} metrics; labels id, model_name,
   * vdie_id (the chip's identity; older exporters have only id), pcie_bus_info, namespace, pod_name,
   * container_name. AI Core utilization is the utilization; the error code (up to 0xFFFFFFFF) is the sample's error_code.
   */
  public static final ExporterDialect ASCEND = new ExporterDialect("npu-exporter", "huawei", Map.of(
      "npu_chip_info_utilization", TelemetryField.GPU_UTIL,
      "npu_chip_info_power", TelemetryField.POWER_W,
      "npu_chip_info_temperature", TelemetryField.TEMPERATURE_C,
      "npu_chip_info_hbm_used_memory", TelemetryField.FB_USED_MIB,
      "npu_chip_info_hbm_total_memory", TelemetryField.FB_TOTAL_MIB,
      "npu_chip_info_error_code", TelemetryField.ERROR_CODE),
      "vdie_id", null, "id", "model_name", List.of(), null, null, "Ascend NPU");

  public static final List<ExporterDialect> ALL = List.of(DCGM, ASCEND);
}

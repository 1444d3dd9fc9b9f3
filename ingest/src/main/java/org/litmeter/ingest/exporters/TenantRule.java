package org.litmeter.ingest.exporters;

import java.util.List;
import java.util.Map;

/**
 * Which exporter label names the tenant a device works for: the first of the configured labels
 * that is present and not empty. The default reads Kubernetes' namespace (dcgm-exporter's
 * {@code namespace}, npu-exporter's {@code namespace}) and then Slurm's {@code hpc_job}; an exporter
 * that leaves the pod labels empty when no pod holds the device gives no tenant.
 */
public record TenantRule(List<String> labels) {

  public static TenantRule defaults() {
    return new TenantRule(List.of("namespace", "hpc_job"));
  }

  public String tenantOf(Map<String, String> deviceLabels) {
    for (String label : labels) {
      String value = deviceLabels.get(label);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }
}

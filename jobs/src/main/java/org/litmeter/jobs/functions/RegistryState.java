package org.litmeter.jobs.functions;

import org.apache.flink.api.common.state.BroadcastState;
import org.litmeter.schema.CenterRegistration;

/** The registry as broadcast state: the newest version of each center wins, whatever the arrival order. */
public final class RegistryState {

  private RegistryState() {}

  public static void keepNewest(BroadcastState<String, CenterRegistration> registry, CenterRegistration center)
      throws Exception {
    CenterRegistration known = registry.get(center.getCenterId());
    if (known == null || !center.getUpdatedAt().isBefore(known.getUpdatedAt())) {
      registry.put(center.getCenterId(), center);
    }
  }
}

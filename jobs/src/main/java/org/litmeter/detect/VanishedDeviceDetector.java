package org.litmeter.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.litmeter.rates.DeviceWindow;
import org.litmeter.schema.Alert;
import org.litmeter.schema.AlertStatus;
import org.litmeter.schema.InventoryAction;
import org.litmeter.schema.Severity;

/**
 * <b>vanished_device</b>: a device that was racked stops reporting for longer than the grace period
 * (24 h) without a removal or failure on record: a card pulled out of its rack. <b>mass_disappearance</b>:
 * at least 10 devices and 20% of a center's known devices vanish in one evaluation. A vanished
 * device that reports again, or whose removal is recorded, resolves its alert. A Flink-friendly POJO.
 */
public class VanishedDeviceDetector {

  public static final String VANISHED = "vanished_device";
  public static final String MASS = "mass_disappearance";

  /** Device to the end of its last racked window. */
  public Map<String, Long> lastSeen = new HashMap<>();
  public Set<String> outOfService = new HashSet<>();
  public Map<String, Alert> firing = new HashMap<>();

  public VanishedDeviceDetector() {}

  /** Notes the racked devices of a closed window; a vanished device that is back resolves its alert. */
  public List<Alert> onWindow(long windowEnd, List<DeviceWindow> devices) {
    List<Alert> alerts = new ArrayList<>();
    for (DeviceWindow w : devices) {
      if (!w.racked) {
        continue;
      }
      lastSeen.put(w.deviceUuid, windowEnd);
      Alert open = firing.remove(w.deviceUuid);
      if (open != null) {
        alerts.add(AlertFactory.resolved(open, windowEnd, "reports_again", Map.of()));
      }
    }
    return alerts;
  }

  /**
   * An inventory change, in event-time order: removed or failed explain silence; racked, repaired or
   * powered on again means expected back within the grace period.
   */
  public List<Alert> onInventory(String device, InventoryAction action, long time) {
    List<Alert> alerts = new ArrayList<>();
    if (action == InventoryAction.REMOVED || action == InventoryAction.FAILED) {
      outOfService.add(device);
      Alert open = firing.remove(device);
      if (open != null) {
        alerts.add(AlertFactory.resolved(open, time, "recorded",
            Map.of("recorded_action", action.name().toLowerCase(Locale.ROOT))));
      }
    } else if (action == InventoryAction.RACKED || action == InventoryAction.REPAIRED
        || action == InventoryAction.POWERED_ON) {
      // back in service: a fresh grace period to start reporting, not the silence of its absence
      if (outOfService.remove(device)) {
        lastSeen.computeIfPresent(device, (d, seen) -> Math.max(seen, time));
      }
    }
    return alerts;
  }

  /** Flags the devices silent for longer than the grace period at event time {@code now}. */
  public List<Alert> evaluate(String center, long now, DetectorSettings s) {
    List<Alert> alerts = new ArrayList<>();
    long grace = s.vanishGrace().toMillis();
    long earliest = Long.MAX_VALUE;
    int newly = 0;
    for (Map.Entry<String, Long> e : lastSeen.entrySet()) {
      String device = e.getKey();
      long seen = e.getValue();
      if (seen + grace <= now && !outOfService.contains(device) && !firing.containsKey(device)) {
        Alert a = AlertFactory.alert(VANISHED, Severity.WARNING, AlertStatus.FIRING, center, null, device, seen, now,
            0.8, Map.of("last_seen", Instant.ofEpochMilli(seen).toString(), "grace", s.vanishGrace().toString(),
                "score_basis", "0.8: silence past the grace period without a record; an unrecorded outage is possible"));
        firing.put(device, a);
        alerts.add(a);
        newly++;
        earliest = Math.min(earliest, seen);
      }
    }
    if (newly >= s.massVanishMinDevices() && newly >= s.massVanishMinShare() * lastSeen.size()) {
      alerts.add(AlertFactory.alert(MASS, Severity.CRITICAL, AlertStatus.FIRING, center, null, null, earliest, now,
          Math.min(1.0, (double) newly / lastSeen.size()),
          Map.of("vanished_devices", Integer.toString(newly), "known_devices", Integer.toString(lastSeen.size()),
              "score_basis", "share of the known devices that vanished together")));
    }
    return alerts;
  }
}

package org.litmeter.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.litmeter.schema.Alert;
import org.litmeter.schema.AlertStatus;
import org.litmeter.schema.Severity;

/**
 * <b>device_in_two_centers</b>: the same device identity (GPU UUID) racked in two centers within 7
 * days: a card moved, or resold as new. Fires once per pair of centers. A Flink-friendly POJO, kept
 * per device.
 */
public class ResoldDeviceDetector {

  public static final String KIND = "device_in_two_centers";

  /** Center to the end of the device's last racked window there. */
  public TreeMap<String, Long> lastSeen = new TreeMap<>();
  /** Center to the start of the device's first racked window there. */
  public TreeMap<String, Long> firstSeen = new TreeMap<>();
  public Set<String> firedPairs = new HashSet<>();

  public ResoldDeviceDetector() {}

  public List<Alert> onWindow(String device, String center, long windowStart, long windowEnd, DetectorSettings s) {
    List<Alert> alerts = new ArrayList<>();
    firstSeen.putIfAbsent(center, windowStart);
    for (Map.Entry<String, Long> other : lastSeen.entrySet()) {
      String otherCenter = other.getKey();
      if (otherCenter.equals(center) || other.getValue() < windowStart - s.resoldWithin().toMillis()) {
        continue;
      }
      String pair = otherCenter.compareTo(center) < 0 ? otherCenter + "|" + center : center + "|" + otherCenter;
      if (firedPairs.add(pair)) {
        // named after the center it appeared in last, whatever order the two centers' windows arrive in
        long here = firstSeen.get(center);
        long there = firstSeen.getOrDefault(otherCenter, other.getValue());
        boolean hereIsNew = here > there || (here == there && center.compareTo(otherCenter) > 0);
        String newCenter = hereIsNew ? center : otherCenter;
        String oldCenter = hereIsNew ? otherCenter : center;
        alerts.add(AlertFactory.alert(KIND, Severity.CRITICAL, AlertStatus.FIRING, newCenter, null, device,
            Math.max(here, there), windowEnd, "device " + device + " reports from " + newCenter + " while it"
                + " reported from " + oldCenter + " until " + Instant.ofEpochMilli(lastSeen.getOrDefault(oldCenter,
                windowEnd)), Map.of("centers", pair.replace('|', ','), "previous_center", oldCenter)));
      }
    }
    lastSeen.put(center, windowEnd);
    lastSeen.values().removeIf(seen -> seen < windowEnd - s.resoldWithin().toMillis());
    firstSeen.keySet().retainAll(lastSeen.keySet());
    return alerts;
  }
}

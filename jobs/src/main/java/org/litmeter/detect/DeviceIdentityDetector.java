package org.litmeter.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.litmeter.schema.Alert;
import org.litmeter.schema.AlertStatus;
import org.litmeter.schema.InventoryAction;
import org.litmeter.schema.Severity;

/**
 * The identity of one device (GPU UUID) across centers and inventory records. A Flink-friendly POJO,
 * kept per device.
 *
 * <ul>
 *   <li><b>device_in_two_centers</b>: the UUID is racked in a center after it was racked in another
 *       one that has no removal (or failure) on record since it last reported there: a card pulled
 *       out and resold as new, however long the refurbishment took, or a cloned identity when both
 *       report at once. A removal on record makes it a transfer; one that arrives late resolves the
 *       finding. Fires once per pair of centers.
 *   <li><b>device_serial_changed</b>: inventory records of the same UUID carry different board
 *       serials: a swapped board, or a refurbished card registered under a new serial.
 *   <li><b>modified_card_memory</b>: the card reports more framebuffer memory than its model is sold
 *       with ({@link CardMemory}): a modified card such as a 48 GB "RTX 4090". Fires once per card.
 * </ul>
 * At most {@link #MAX_CENTERS} centers are remembered per device (the ones seen last).
 */
public class DeviceIdentityDetector {

  public static final String KIND = "device_in_two_centers";
  public static final String SERIAL_CHANGED = "device_serial_changed";
  public static final String MODIFIED_MEMORY = "modified_card_memory";
  static final int MAX_CENTERS = 8;
  private static final int FIRST = 0;
  private static final int LAST = 1;
  private static final int REMOVED = 2;
  private static final long NEVER = Long.MIN_VALUE;

  /** Center to {first racked window start, last racked window end, last removal or failure (or NEVER)}. */
  public Map<String, long[]> centers = new HashMap<>();
  public Set<String> firedPairs = new HashSet<>();
  /** Open findings by "origin|destination", so that a late removal record resolves them. */
  public Map<String, Alert> firing = new HashMap<>();
  public String serial;
  public String serialCenter;
  public long serialTime;
  public boolean memoryReported;

  public DeviceIdentityDetector() {}

  /** A racked window of the device in {@code center}. */
  public List<Alert> onWindow(String device, String center, long windowStart, long windowEnd) {
    long[] here = entry(center);
    here[FIRST] = Math.min(here[FIRST], windowStart);
    here[LAST] = Math.max(here[LAST], windowEnd);
    if (centers.size() == 1) {
      // a card known in one center, as nearly every card is on every window
      return List.of();
    }
    List<Alert> alerts = new ArrayList<>();
    // in the order of the center ids, so that the same input gives the same alerts in the same order
    for (String other : centers.keySet().stream().sorted().toList()) {
      long[] there = centers.get(other);
      if (other.equals(center) || there[LAST] == NEVER) {
        continue;
      }
      boolean hereIsNew = here[FIRST] > there[FIRST] || (here[FIRST] == there[FIRST] && center.compareTo(other) > 0);
      String origin = hereIsNew ? other : center;
      String destination = hereIsNew ? center : other;
      long[] from = centers.get(origin);
      long[] to = centers.get(destination);
      if (removedSinceLastReport(from) || !firedPairs.add(origin + "|" + destination)) {
        continue;
      }
      long gapDays = Math.max(0, (to[FIRST] - from[LAST]) / 86_400_000L);
      boolean overlapping = to[FIRST] < from[LAST];
      Map<String, String> evidence = new TreeMap<>();
      evidence.put("previous_center", origin);
      evidence.put("centers", origin + "," + destination);
      evidence.put("racked_at_previous_from", iso(from[FIRST]));
      evidence.put("racked_at_previous_until", iso(from[LAST]));
      evidence.put("racked_here_from", iso(to[FIRST]));
      evidence.put("gap_days", Long.toString(gapDays));
      evidence.put("removal_on_record_at_previous", "no");
      evidence.put("reporting_in_both_at_once", overlapping ? "yes" : "no");
      evidence.put("score_basis", "a GPU UUID is unique to one card: its appearance elsewhere without a removal"
          + " is certain; 1.0 unless a removal record arrives late (then resolved)");
      Alert a = AlertFactory.alert(KIND, Severity.CRITICAL, AlertStatus.FIRING, destination, null, device,
          to[FIRST], windowEnd, 1.0, evidence);
      firing.put(origin + "|" + destination, a);
      alerts.add(a);
    }
    forgetOldestCenters();
    return alerts;
  }

  /**
   * An inventory record of the device: a removal or failure makes a later appearance elsewhere a
   * transfer (and resolves a finding it explains); a serial unlike the last one on record is a finding.
   */
  public List<Alert> onInventory(String device, String center, InventoryAction action, String recordSerial,
      long time) {
    List<Alert> alerts = new ArrayList<>();
    if (action == InventoryAction.REMOVED || action == InventoryAction.FAILED) {
      long[] e = entry(center);
      e[REMOVED] = Math.max(e[REMOVED], time);
      for (Map.Entry<String, Alert> open : new TreeMap<>(firing).entrySet()) {
        String[] pair = open.getKey().split("\\|", 2);
        long[] destination = centers.get(pair[1]);
        if (pair[0].equals(center) && removedSinceLastReport(e) && destination != null
            && time <= destination[FIRST]) {
          firing.remove(open.getKey());
          // a transfer
          alerts.add(AlertFactory.resolved(open.getValue(), time, "recorded", Map.of("recorded_action",
              action.name().toLowerCase(Locale.ROOT), "recorded_center", center, "recorded_at", iso(time))));
        }
      }
    }
    if (recordSerial != null && !recordSerial.isBlank()) {
      if (serial != null && !serial.equals(recordSerial)) {
        Map<String, String> evidence = new TreeMap<>();
        evidence.put("previous_serial", serial);
        evidence.put("previous_record_center", serialCenter);
        evidence.put("previous_record_at", iso(serialTime));
        evidence.put("serial", recordSerial);
        evidence.put("score_basis", "inventory records disagree; 0.9: a clerical error is possible");
        alerts.add(AlertFactory.alert(SERIAL_CHANGED, Severity.WARNING, AlertStatus.FIRING, center, null, device,
            time, time, 0.9, evidence));
      }
      serial = recordSerial;
      serialCenter = center;
      serialTime = time;
    }
    forgetOldestCenters();
    return alerts;
  }

  /** The card reported {@code totalMib} of memory while its model is sold with {@code nominalMib}. */
  public List<Alert> onOversizedMemory(String device, String center, String model, double totalMib,
      double nominalMib, long time) {
    if (memoryReported) {
      return List.of();
    }
    memoryReported = true;
    double ratio = totalMib / nominalMib;
    Map<String, String> evidence = new TreeMap<>();
    evidence.put("model", model);
    evidence.put("reported_memory_mib", String.format(Locale.ROOT, "%.0f", totalMib));
    evidence.put("model_memory_mib", String.format(Locale.ROOT, "%.0f", nominalMib));
    evidence.put("ratio", String.format(Locale.ROOT, "%.2f", ratio));
    evidence.put("score_basis", "0.95 when the card reports half again its model's memory or more, else 0.7:"
        + " drivers differ by a few percent, modifications double it");
    return List.of(AlertFactory.alert(MODIFIED_MEMORY, Severity.WARNING, AlertStatus.FIRING, center, null, device,
        time, time, ratio >= 1.5 ? 0.95 : 0.7, evidence));
  }

  private static boolean removedSinceLastReport(long[] e) {
    return e[REMOVED] != NEVER && e[REMOVED] >= e[LAST] - 300_000L;
  }

  private long[] entry(String center) {
    return centers.computeIfAbsent(center, c -> new long[] {Long.MAX_VALUE, NEVER, NEVER});
  }

  private void forgetOldestCenters() {
    while (centers.size() > MAX_CENTERS) {
      String oldest = centers.entrySet().stream().min(Map.Entry.comparingByValue(
          (a, b) -> Long.compare(Math.max(a[LAST], a[REMOVED]), Math.max(b[LAST], b[REMOVED])))).orElseThrow().getKey();
      centers.remove(oldest);
    }
  }

  private static String iso(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }
}

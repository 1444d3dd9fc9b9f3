package org.litmeter.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.litmeter.schema.Alert;
import org.litmeter.schema.AlertStatus;
import org.litmeter.schema.Severity;

/**
 * The detectors that judge a center against its acceptance period (验收期), on compact daily totals
 * (never raw samples):
 *
 * <ul>
 *   <li><b>acceptance_cliff</b>: the level of lit or occupied devices (mean devices per day, missing
 *       windows counting as none) falls by at least 50% from its mean during the acceptance period,
 *       on a day within 14 days after the period ends, and stays down: below the same mark over the
 *       14 days from there and over the last 7 of them (a Spring Festival lull recovers; a withdrawn
 *       load does not).
 *       Evidence: levels before and after, the day of the drop, its size, and the tenants whose load
 *       disappeared.
 *   <li><b>acceptance_aligned_tenant</b>: a tenant whose load starts within 7 days of the acceptance
 *       start and ends within 7 days of its end, and held at least 10% of the period's occupancy.
 * </ul>
 * A Flink-friendly POJO: days are kept from a week before the acceptance start to the end of the
 * look-out, and dropped after it.
 */
public class AcceptanceDetectors {

  public static final String CLIFF = "acceptance_cliff";
  public static final String ALIGNED = "acceptance_aligned_tenant";
  private static final long DAY = 86_400_000L;
  private static final double WINDOWS_PER_DAY = 288.0;

  /** Day start to {lit, occupied, racked} device-windows. */
  public TreeMap<Long, long[]> days = new TreeMap<>();
  /** Tenant to {first day, last day, device-windows during the period, device-windows after}. */
  public Map<String, long[]> tenants = new HashMap<>();
  public boolean cliffFired;
  public boolean alignedEvaluated;

  public AcceptanceDetectors() {}

  /**
   * Adds a closed day and judges the center.
   *
   * @param periodStart first day of the acceptance period (day start, epoch ms)
   * @param periodEnd last day of the acceptance period (day start)
   * @param tenantWindows occupied device-windows of the day by tenant
   */
  public List<Alert> onDay(String center, long day, long lit, long occupied, long racked,
      Map<String, Long> tenantWindows, long periodStart, long periodEnd, DetectorSettings s) {
    List<Alert> alerts = new ArrayList<>();
    long lookOutEnd = periodEnd + (s.cliffDropWithinDays() + s.cliffStayDays()) * DAY;
    // days just before the period count too: a tenant there long before it is not aligned with it
    long lookBackStart = periodStart - (s.alignedToleranceDays() + 1) * DAY;
    if (day > Math.max(lookOutEnd, periodEnd + (s.alignedToleranceDays() + 1) * DAY)) {
      // both judgements are final: the daily state is no longer needed
      days.clear();
      tenants.clear();
      return alerts;
    }
    if (day < lookBackStart) {
      return alerts;
    }
    days.put(day, new long[] {lit, occupied, racked});
    tenantWindows.forEach((tenant, windows) -> {
      long[] t = tenants.computeIfAbsent(tenant, k -> new long[] {day, day, 0, 0});
      t[0] = Math.min(t[0], day);
      t[1] = Math.max(t[1], day);
      if (day >= periodStart) {
        t[day <= periodEnd ? 2 : 3] += windows;
      }
    });
    if (!cliffFired) {
      Alert cliff = cliff(center, day, periodStart, periodEnd, s);
      if (cliff != null) {
        cliffFired = true;
        alerts.add(cliff);
      }
    }
    if (!alignedEvaluated && day >= periodEnd + (s.alignedToleranceDays() + 1) * DAY) {
      alignedEvaluated = true;
      alerts.addAll(aligned(center, day, periodStart, periodEnd, s));
    }
    return alerts;
  }

  private Alert cliff(String center, long today, long periodStart, long periodEnd, DetectorSettings s) {
    int periodDays = (int) ((periodEnd - periodStart) / DAY) + 1;
    long observed = days.subMap(periodStart, true, periodEnd, true).size();
    if (observed < s.cliffMinAcceptanceDays()) {
      return null;
    }
    double[] before = {level(periodStart, periodEnd, 0) , level(periodStart, periodEnd, 1)};
    for (long d = periodEnd + DAY; d <= periodEnd + s.cliffDropWithinDays() * DAY; d += DAY) {
      long stayEnd = d + (s.cliffStayDays() - 1) * DAY;
      if (stayEnd > today) {
        return null;
      }
      for (int signal = 0; signal < 2; signal++) {
        double threshold = before[signal] * (1 - s.cliffMinRelativeDrop());
        if (before[signal] > 0 && level(d, d, signal) < threshold && level(d, stayEnd, signal) < threshold
            && level(stayEnd - 6 * DAY, stayEnd, signal) < threshold) {
          double after = level(d, stayEnd, signal);
          Map<String, String> evidence = new TreeMap<>();
          evidence.put("signal", signal == 0 ? "lit" : "occupied");
          evidence.put("acceptance_days", Integer.toString(periodDays));
          evidence.put("lit_before", format(before[0]));
          evidence.put("lit_after", format(level(d, stayEnd, 0)));
          evidence.put("occupied_before", format(before[1]));
          evidence.put("occupied_after", format(level(d, stayEnd, 1)));
          evidence.put("drop_day", Instant.ofEpochMilli(d).toString());
          evidence.put("relative_drop", format(1 - after / before[signal]));
          evidence.put("tenants_gone", String.join(",", tenantsGone(periodEnd)));
          return AlertFactory.alert(CLIFF, Severity.CRITICAL, AlertStatus.FIRING, center, null, null, d,
              stayEnd + DAY, String.format(Locale.ROOT,
                  "%s devices fell from %.1f during acceptance to %.1f after it ended (%.0f%% drop from %s)",
                  signal == 0 ? "lit" : "occupied", before[signal], after, 100 * (1 - after / before[signal]),
                  Instant.ofEpochMilli(d).toString().substring(0, 10)), evidence);
        }
      }
    }
    return null;
  }

  /** Mean devices per day over [from, to] (day starts): device-windows over windows, absent days as zero. */
  private double level(long from, long to, int signal) {
    long windows = 0;
    for (long[] d : days.subMap(from, true, to, true).values()) {
      windows += d[signal];
    }
    long dayCount = (to - from) / DAY + 1;
    return windows / WINDOWS_PER_DAY / dayCount;
  }

  /** Tenants with at least 10% of the period's occupancy whose load after it fell below a tenth. */
  private List<String> tenantsGone(long periodEnd) {
    long total = tenants.values().stream().mapToLong(t -> t[2]).sum();
    List<String> gone = new ArrayList<>();
    new TreeMap<>(tenants).forEach((tenant, t) -> {
      if (total > 0 && t[2] >= 0.1 * total && t[3] < 0.1 * t[2]) {
        gone.add(tenant);
      }
    });
    return gone;
  }

  private List<Alert> aligned(String center, long today, long periodStart, long periodEnd, DetectorSettings s) {
    List<Alert> alerts = new ArrayList<>();
    long total = tenants.values().stream().mapToLong(t -> t[2]).sum();
    long tolerance = s.alignedToleranceDays() * DAY;
    new TreeMap<>(tenants).forEach((tenant, t) -> {
      boolean startsWith = Math.abs(t[0] - periodStart) <= tolerance;
      boolean endsWith = Math.abs(t[1] - periodEnd) <= tolerance;
      if (startsWith && endsWith && total > 0 && t[2] >= s.alignedMinShare() * total) {
        alerts.add(AlertFactory.alert(ALIGNED, Severity.WARNING, AlertStatus.FIRING, center, tenant, null, t[0],
            today + DAY, String.format(Locale.ROOT, "tenant %s used the center only during its acceptance period"
                + " (%s to %s; %.0f%% of the period's occupancy)", tenant,
                Instant.ofEpochMilli(t[0]).toString().substring(0, 10),
                Instant.ofEpochMilli(t[1]).toString().substring(0, 10), 100.0 * t[2] / total),
            Map.of("first_day", Instant.ofEpochMilli(t[0]).toString(), "last_day", Instant.ofEpochMilli(t[1]).toString(),
                "acceptance_start", Instant.ofEpochMilli(periodStart).toString(),
                "acceptance_end", Instant.ofEpochMilli(periodEnd).toString(),
                "share_of_acceptance_occupancy", format((double) t[2] / total))));
      }
    });
    return alerts;
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}

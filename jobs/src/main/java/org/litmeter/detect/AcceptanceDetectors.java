package org.litmeter.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.litmeter.rates.AcceleratorVendors;
import org.litmeter.schema.Alert;
import org.litmeter.schema.AlertStatus;
import org.litmeter.schema.Severity;

/**
 * The detectors that judge a center against its acceptance period (验收期), on compact daily totals
 * (never raw samples):
 *
 * <ul>
 *   <li><b>acceptance_cliff</b>: a change point in the level of lit or occupied devices (mean
 *       devices per day, missing windows counting as none) on any day from a week before the period
 *       ends to 90 days after it: in the 14 days before that day the level was still at least 75%
 *       of its mean during the period (a slow decline of demand has already lost that by the time
 *       it is down by half), from that day it fell by at least 50% and by at least one device, and
 *       stayed below that mark over the next 21 days, on at least 60% of them and over
 *       the last 7 of them (a holiday lull of up to two weeks recovers).
 *       Evidence: levels during the period, before and after the drop, its day and size, and the
 *       tenants whose load disappeared.
 *   <li><b>acceptance_aligned_tenant</b>: a tenant there from the period's start (within 7 days),
 *       present on at least 95% of the period's days and never away for more than 2 days in a row
 *       (a paid load runs without a break; a customer between contracts does not), holding at least 10%
 *       of the period's occupancy, whose last day is within 7 days of the period's end, who held at
 *       least 75% of its usual load in its last two weeks (a paid load is withdrawn at once; a
 *       customer's leases end one by one), whose load nobody took up (when it is judged, the center's
 *       occupied devices over four weeks are lower than in the four weeks before it left by at least
 *       half of what it held: a customer's cards are leased again) and who then
 *       stays away for 8 weeks (a customer between contracts comes back within weeks). Its score is
 *       one minus the chance that, under this center's own tenant churn, one of its substantial
 *       tenants would leave in that fortnight; a tenant that comes back later resolves the finding.
 *       A tenant whose name names the vendor of the cards it occupied (by the vendor catalogue) is
 *       flagged in the evidence ({@code tenant_is_card_vendor}): a chip vendor leasing its own chips.
 * </ul>
 * A Flink-friendly POJO: days are kept from a week before the acceptance start to the end of the
 * look-out (the period's end plus 90 and 21 days), and dropped after it.
 */
public class AcceptanceDetectors {

  public static final String CLIFF = "acceptance_cliff";
  public static final String ALIGNED = "acceptance_aligned_tenant";
  private static final long DAY = 86_400_000L;
  private static final double WINDOWS_PER_DAY = 288.0;
  /** Indices of a tenant's presence record in {@link #tenants}. */
  static final int FIRST = 0;
  static final int LAST = 1;
  static final int DAYS_IN_PERIOD = 2;
  static final int WINDOWS_IN_PERIOD = 3;
  static final int WINDOWS_AFTER = 4;
  static final int LONGEST_GAP_IN_PERIOD = 5;
  static final int STATE = 6;
  private static final long OPEN = 0;
  private static final long FIRED = 1;
  private static final long RESOLVED = 2;
  static final int RECENT_DAYS = 14;

  /** Day start to {lit, occupied, racked} device-windows. */
  public Map<Long, long[]> days = new HashMap<>();
  /** Tenant to its presence record (indices above). */
  public Map<String, long[]> tenants = new HashMap<>();
  /**
   * Tenant to its occupied device-windows on each of its last {@link #RECENT_DAYS} days present, by
   * day number modulo that (entries 0 to 13), with the day numbers they belong to (entries 14 to 27).
   */
  public Map<String, long[]> recent = new HashMap<>();
  /** Ordinary churn: tenant-days of presence, and departures (an absence of over a week) seen so far. */
  public long tenantDays;
  public long departures;
  public boolean cliffFired;
  /** The vendor label of the cards each tenant occupied (the latest): a vendor leasing its own chips is flagged. */
  public Map<String, String> tenantVendors = new HashMap<>();
  /** Alerts of aligned tenants still open, by tenant, so that a return resolves them. */
  public Map<String, Alert> alignedFiring = new HashMap<>();
  public boolean done;

  public AcceptanceDetectors() {}

  /**
   * Adds a closed day and judges the center.
   *
   * @param periodStart first day of the acceptance period (day start, epoch ms)
   * @param periodEnd last day of the acceptance period (day start)
   * @param tenantWindows occupied device-windows of the day by tenant
   * @param cardVendors the vendor label of each tenant's cards that day
   */
  public List<Alert> onDay(String center, long day, long lit, long occupied, long racked,
      Map<String, Long> tenantWindows, Map<String, String> cardVendors, long periodStart, long periodEnd,
      DetectorSettings s) {
    List<Alert> alerts = new ArrayList<>();
    // days just before the period count too: a tenant there long before it is not aligned with it
    long lookBackStart = periodStart - (s.alignedToleranceDays() + 1) * DAY;
    if (done || day < lookBackStart) {
      return alerts;
    }
    if (day > periodEnd + (s.cliffHorizonDays() + s.cliffStayDays()) * DAY) {
      // every judgement is final: the daily state is no longer needed
      done = true;
      days.clear();
      tenants.clear();
      recent.clear();
      alignedFiring.clear();
      tenantVendors.clear();
      return alerts;
    }
    days.put(day, new long[] {lit, occupied, racked});
    tenantVendors.putAll(cardVendors);
    addTenants(center, day, tenantWindows, periodStart, periodEnd, s, alerts);
    if (!cliffFired) {
      Alert cliff = cliff(center, day, periodStart, periodEnd, s);
      if (cliff != null) {
        cliffFired = true;
        alerts.add(cliff);
      }
    }
    if (day > periodEnd) {
      alerts.addAll(aligned(center, day, periodStart, periodEnd, s));
    }
    return alerts;
  }

  private void addTenants(String center, long day, Map<String, Long> tenantWindows, long periodStart,
      long periodEnd, DetectorSettings s, List<Alert> alerts) {
    tenantWindows.forEach((tenant, windows) -> {
      if (windows <= 0) {
        return;
      }
      long[] t = tenants.get(tenant);
      if (t == null) {
        t = new long[] {day, day - DAY, 0, 0, 0, 0, OPEN};
        tenants.put(tenant, t);
      }
      long gap = (day - t[LAST]) / DAY - 1;
      if (gap > s.alignedToleranceDays()) {
        departures++;
      }
      if (day >= periodStart && day <= periodEnd) {
        t[DAYS_IN_PERIOD]++;
        t[WINDOWS_IN_PERIOD] += windows;
        if (t[LAST] >= periodStart) {
          t[LONGEST_GAP_IN_PERIOD] = Math.max(t[LONGEST_GAP_IN_PERIOD], gap);
        }
      } else if (day > periodEnd) {
        t[WINDOWS_AFTER] += windows;
      }
      t[LAST] = day;
      long dayNumber = Math.floorDiv(day, DAY);
      long[] r = recent.computeIfAbsent(tenant, k -> new long[2 * RECENT_DAYS]);
      int slot = (int) Math.floorMod(dayNumber, (long) RECENT_DAYS);
      r[slot] = windows;
      r[RECENT_DAYS + slot] = dayNumber;
      tenantDays++;
      if (t[STATE] == FIRED) {
        t[STATE] = RESOLVED;
        Alert open = alignedFiring.remove(tenant);
        if (open != null) {
          // not a tenant that left with the acceptance period
          alerts.add(AlertFactory.resolved(open, day, "returned", Map.of("returned_on", date(day))));
        }
      }
    });
  }

  /** Judges the candidate drop day whose stay ends today (each day completes exactly one candidate). */
  private Alert cliff(String center, long today, long periodStart, long periodEnd, DetectorSettings s) {
    long d = today - (s.cliffStayDays() - 1) * DAY;
    if (d <= periodEnd - s.alignedToleranceDays() * DAY || d > periodEnd + s.cliffHorizonDays() * DAY) {
      return null;
    }
    long observed = 0;
    for (long day = periodStart; day <= periodEnd; day += DAY) {
      observed += days.containsKey(day) ? 1 : 0;
    }
    if (observed < s.cliffMinAcceptanceDays()) {
      return null;
    }
    for (int signal = 0; signal < 2; signal++) {
      double during = level(periodStart, periodEnd, signal);
      double before = level(d - s.cliffBeforeDays() * DAY, d - DAY, signal);
      double mark = before * (1 - s.cliffMinRelativeDrop());
      if (during <= 0 || before < s.cliffMinPriorShare() * during || level(d, d, signal) >= mark) {
        continue;
      }
      double after = level(d, today, signal);
      if (after >= mark || level(today - 6 * DAY, today, signal) >= mark) {
        continue;
      }
      int daysBelow = 0;
      for (long x = d; x <= today; x += DAY) {
        daysBelow += level(x, x, signal) < mark ? 1 : 0;
      }
      // a withdrawn load stays away nearly every day, and is worth at least a card
      if (daysBelow < s.cliffMinShareOfDaysBelow() * s.cliffStayDays() || before - after < s.cliffMinDevicesLost()) {
        continue;
      }
      double drop = 1 - after / before;
      double persistence = daysBelow / (double) s.cliffStayDays();
      String name = signal == 0 ? "lit" : "occupied";
      Map<String, String> evidence = new TreeMap<>();
      evidence.put("signal", name);
      evidence.put("acceptance_days", Long.toString((periodEnd - periodStart) / DAY + 1));
      evidence.put("acceptance_end", date(periodEnd));
      evidence.put("during_acceptance", format(during));
      evidence.put("before_drop", format(before));
      evidence.put("after_drop", format(after));
      evidence.put("lit_during_acceptance", format(level(periodStart, periodEnd, 0)));
      evidence.put("occupied_during_acceptance", format(level(periodStart, periodEnd, 1)));
      evidence.put("drop_day", date(d));
      evidence.put("days_after_acceptance", Long.toString((d - periodEnd) / DAY));
      evidence.put("relative_drop", format(drop));
      evidence.put("days_below_mark", Integer.toString(daysBelow));
      evidence.put("stay_days", Integer.toString(s.cliffStayDays()));
      evidence.put("tenants_gone", String.join(",", tenantsGone(today, s)));
      evidence.put("score_basis", "relative drop x share of the following days below the mark");
      return AlertFactory.alert(CLIFF, Severity.CRITICAL, AlertStatus.FIRING, center, null, null, d, today + DAY,
          round(drop * persistence), evidence);
    }
    return null;
  }

  /** Mean devices per day over [from, to] (day starts): device-windows over windows, absent days as zero. */
  private double level(long from, long to, int signal) {
    long windows = 0;
    for (long day = from; day <= to; day += DAY) {
      long[] d = days.get(day);
      windows += d == null ? 0 : d[signal];
    }
    long dayCount = (to - from) / DAY + 1;
    return windows / WINDOWS_PER_DAY / dayCount;
  }

  /** Substantial tenants (by the aligned-tenant share, 10%) of the period not seen in the last week. */
  private List<String> tenantsGone(long today, DetectorSettings s) {
    long total = occupancyDuring();
    List<String> gone = new ArrayList<>();
    new TreeMap<>(tenants).forEach((tenant, t) -> {
      if (total > 0 && t[WINDOWS_IN_PERIOD] >= s.alignedMinShare() * total && t[LAST] < today - 6 * DAY) {
        gone.add(tenant);
      }
    });
    return gone;
  }

  private long occupancyDuring() {
    return tenants.values().stream().mapToLong(t -> t[WINDOWS_IN_PERIOD]).sum();
  }

  private List<Alert> aligned(String center, long today, long periodStart, long periodEnd, DetectorSettings s) {
    List<Alert> alerts = new ArrayList<>();
    long total = occupancyDuring();
    long tolerance = s.alignedToleranceDays() * DAY;
    long periodDays = (periodEnd - periodStart) / DAY + 1;
    List<String> candidates = new ArrayList<>();
    int substantial = 0;
    for (Map.Entry<String, long[]> e : new TreeMap<>(tenants).entrySet()) {
      long[] t = e.getValue();
      if (total <= 0 || t[WINDOWS_IN_PERIOD] < s.alignedMinShare() * total) {
        continue;
      }
      substantial++;
      long presentFrom = Math.max(t[FIRST], periodStart);
      double coverage = t[DAYS_IN_PERIOD] / (double) ((periodEnd - presentFrom) / DAY + 1);
      boolean fromStart = Math.abs(t[FIRST] - periodStart) <= tolerance;
      boolean continuous = coverage >= s.alignedMinCoverage() && t[LONGEST_GAP_IN_PERIOD] <= s.alignedMaxGapDays();
      boolean leftWithIt = Math.abs(t[LAST] - periodEnd) <= tolerance;
      boolean atFullStrength = levelBeforeLeaving(e.getKey(), t) >= s.alignedMinStrengthAtExit() * dailyLevel(t);
      boolean stayedAway = today - t[LAST] >= s.alignedAbsentDays() * DAY;
      if (t[STATE] == OPEN && fromStart && continuous && leftWithIt && atFullStrength && stayedAway
          && occupancyLost(t, periodEnd, today) >= s.alignedMinLoadNotReplaced() * dailyLevel(t) / WINDOWS_PER_DAY) {
        candidates.add(e.getKey());
      }
    }
    for (String tenant : candidates) {
      long[] t = tenants.get(tenant);
      double chance = chanceOfAlignedDeparture(t, today, periodEnd, s, substantial);
      t[STATE] = FIRED;
      double share = (double) t[WINDOWS_IN_PERIOD] / total;
      Map<String, String> evidence = new TreeMap<>();
      evidence.put("first_day", date(t[FIRST]));
      evidence.put("last_day", date(t[LAST]));
      evidence.put("acceptance_start", date(periodStart));
      evidence.put("acceptance_end", date(periodEnd));
      evidence.put("days_present_in_period", Long.toString(t[DAYS_IN_PERIOD]));
      evidence.put("acceptance_days", Long.toString(periodDays));
      evidence.put("share_of_acceptance_occupancy", format(share));
      evidence.put("days_absent_since", Long.toString((today - t[LAST]) / DAY));
      evidence.put("load_in_last_two_weeks_vs_period", format(levelBeforeLeaving(tenant, t) / dailyLevel(t)));
      evidence.put("tenant_devices", format(dailyLevel(t) / WINDOWS_PER_DAY));
      evidence.put("occupied_devices_lost_since", format(occupancyLost(t, periodEnd, today)));
      evidence.put("center_departures_per_tenant_month", format(30 * hazard(t, today, s)));
      evidence.put("chance_under_center_churn", format(chance));
      evidence.put("score_basis", "1 - chance that ordinary churn ends so long a tenancy within a week of the"
          + " period's end, for any of the center's substantial tenants");
      String cardVendor = tenantVendors.get(tenant);
      if (cardVendor != null) {
        evidence.put("card_vendor", cardVendor);
        AcceleratorVendors.Vendor maker = AcceleratorVendors.catalogue().vendorOf(cardVendor);
        if (maker != null && maker.equals(AcceleratorVendors.catalogue().vendorNamedBy(tenant))) {
          evidence.put("tenant_is_card_vendor", "yes");
        }
      }
      Alert a = AlertFactory.alert(ALIGNED, Severity.WARNING, AlertStatus.FIRING, center, tenant, null, t[FIRST],
          today + DAY, round(1 - chance), evidence);
      alignedFiring.put(tenant, a);
      alerts.add(a);
    }
    return alerts;
  }

  /**
   * Occupied devices of the center in the four weeks up to today against the four weeks before the
   * tenant left (or before the period's end, if earlier): what its departure took away and nobody
   * took up.
   */
  private double occupancyLost(long[] t, long periodEnd, long today) {
    long before = Math.min(t[LAST], periodEnd);
    return level(before - 27 * DAY, before, 1) - level(today - 27 * DAY, today, 1);
  }

  /** A tenant's occupied device-windows per day present during the period. */
  private static double dailyLevel(long[] t) {
    return t[DAYS_IN_PERIOD] == 0 ? 0 : (double) t[WINDOWS_IN_PERIOD] / t[DAYS_IN_PERIOD];
  }

  /** A tenant's occupied device-windows per day over the two weeks up to its last day (absent days as none). */
  private double levelBeforeLeaving(String tenant, long[] t) {
    long[] r = recent.get(tenant);
    long lastDay = Math.floorDiv(t[LAST], DAY);
    long windows = 0;
    for (int slot = 0; slot < RECENT_DAYS; slot++) {
      if (r != null && r[RECENT_DAYS + slot] > lastDay - RECENT_DAYS && r[RECENT_DAYS + slot] <= lastDay) {
        windows += r[slot];
      }
    }
    return windows / (double) RECENT_DAYS;
  }

  /**
   * The center's departure rate per tenant-day: the departures seen (a return after more than a
   * week away, or a tenant gone for more than a week now), the judged tenant's own among them, over
   * every tenant's days present. Counting its own departure keeps a center where nobody else ever
   * left from making any departure look impossible.
   */
  private double hazard(long[] judged, long today, DetectorSettings s) {
    long goneNow = tenants.values().stream()
        .filter(t -> today - t[LAST] > s.alignedToleranceDays() * DAY).count();
    return Math.min(1.0, (departures + Math.max(1, goneNow)) / (double) Math.max(1, tenantDays));
  }

  /**
   * Chance that, with the center's departure rate h per tenant-day, a tenant present since its first
   * day leaves within the tolerance of the period's end: it survives to the window, then leaves in it;
   * for any of {@code substantial} such tenants.
   */
  private double chanceOfAlignedDeparture(long[] t, long today, long periodEnd, DetectorSettings s,
      int substantial) {
    double h = hazard(t, today, s);
    long tolerance = s.alignedToleranceDays();
    long survive = Math.max(0, (periodEnd - t[FIRST]) / DAY - tolerance);
    double one = Math.pow(1 - h, survive) * (1 - Math.pow(1 - h, 2 * tolerance + 1));
    return 1 - Math.pow(1 - one, Math.max(1, substantial));
  }

  /** The calendar date of a day start: noon of it in UTC has the same date for any offset within 12 hours. */
  private static String date(long day) {
    return Instant.ofEpochMilli(day + DAY / 2).toString().substring(0, 10);
  }

  private static double round(double v) {
    return Math.round(Math.max(0, Math.min(1, v)) * 1000) / 1000.0;
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}

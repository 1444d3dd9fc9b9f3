package org.litmeter.rates;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which days must be computed again, and in which ranges. A day (midnight to midnight in
 * the day offset, China Standard Time) is restated
 *
 * <ul>
 *   <li>when samples of it arrived too late for the live job (its {@code LATE} dead letters) after
 *       the last restatement that covered it was requested, less a settling margin (a late sample
 *       and its dead letter reach ClickHouse at nearly, not exactly, the same moment);
 *   <li>when such a day was restated only up to the live job's horizon then, and the live job has
 *       since closed more of it (its hour and day rows need the late samples too);
 *   <li>when its published rows are still preliminary and its revision period has passed
 *       ({@code preliminaryPastPeriod}): the final computation.
 * </ul>
 *
 * Only windows the live job has closed are restated ({@code horizon}): a restated row of a window
 * still open would be overwritten by nothing, and would miss what is still to come. Consecutive
 * days form one range, at most {@code maxDays} long.
 */
public final class RestatementPlanner {

  private static final long DAY = 86_400_000L;

  /** Why a range is computed again; the names are those of {@code litmeter.restatements.reason}. */
  public enum Reason {
    LATE_SAMPLES, BACKFILL, FINAL, ON_DEMAND;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A restatement that finished: its range, how far it wrote, and when it was requested. */
  public record Done(long fromMillis, long toMillis, long writtenToMillis, long requestedAtMillis) {}

  /** A range to restate: whole days {@code [from, to)}, windows written up to {@code writtenTo}. */
  public record Range(long fromMillis, long toMillis, long writtenToMillis, Reason reason) {}

  private final long dayOffsetMillis;
  private final int maxDays;
  private final long settleMillis;

  public RestatementPlanner(ZoneOffset dayOffset, int maxDays, long settleMillis) {
    this.dayOffsetMillis = dayOffset.getTotalSeconds() * 1000L;
    this.maxDays = maxDays;
    this.settleMillis = settleMillis;
  }

  /** The start of the day {@code time} falls in. */
  public long dayStart(long time) {
    return Math.floorDiv(time + dayOffsetMillis, DAY) * DAY - dayOffsetMillis;
  }

  /**
   * @param newestLateByDay per day start, when its newest too-late sample was recorded (wall clock)
   * @param preliminaryPastPeriod starts of the days whose rows are preliminary and past their revision period
   * @param done restatements that finished
   * @param horizon end of the newest window the live job has closed; {@code Long.MAX_VALUE} without a live job
   */
  public List<Range> plan(Map<Long, Long> newestLateByDay, Set<Long> preliminaryPastPeriod, Collection<Done> done,
      long horizon) {
    TreeSet<Long> late = new TreeSet<>();
    TreeSet<Long> due = new TreeSet<>();
    newestLateByDay.forEach((day, newest) -> {
      if (day >= horizon) {
        return;
      }
      Done covering = newestCovering(done, day);
      if (covering == null || newest >= covering.requestedAtMillis() - settleMillis
          || (covering.writtenToMillis() < day + DAY && horizon > covering.writtenToMillis())) {
        late.add(day);
      }
    });
    for (long day : preliminaryPastPeriod) {
      if (day + DAY <= horizon) {
        due.add(day);
      }
    }
    TreeSet<Long> days = new TreeSet<>(late);
    days.addAll(due);
    List<Range> ranges = new ArrayList<>();
    Long first = null;
    long previous = 0;
    boolean anyLate = false;
    for (long day : days) {
      if (first != null && (day != previous + DAY || (day - first) / DAY >= maxDays)) {
        ranges.add(range(first, previous + DAY, horizon, anyLate));
        first = null;
      }
      if (first == null) {
        first = day;
        anyLate = false;
      }
      anyLate |= late.contains(day);
      previous = day;
    }
    if (first != null) {
      ranges.add(range(first, previous + DAY, horizon, anyLate));
    }
    return ranges;
  }

  private static Range range(long from, long to, long horizon, boolean late) {
    return new Range(from, to, Math.min(to, horizon), late ? Reason.LATE_SAMPLES : Reason.FINAL);
  }

  private static Done newestCovering(Collection<Done> done, long day) {
    Done newest = null;
    for (Done d : done) {
      if (d.fromMillis() <= day && d.toMillis() >= day + DAY
          && (newest == null || d.requestedAtMillis() > newest.requestedAtMillis())) {
        newest = d;
      }
    }
    return newest;
  }
}

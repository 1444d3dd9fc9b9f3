package org.litmeter.rates;

import java.util.Arrays;

/**
 * Decides whether a sample is on time, late but in time for its window, or too late, against the
 * watermark of its own Kafka partition: the newest event time read before it on that partition
 * minus the allowed out-of-orderness (Flink's bounded-out-of-orderness formula).
 *
 * <p>Because a partition's content is fixed in the log, the verdict is the same on every replay,
 * and because the job's watermark never passes any partition's watermark, a sample that is not
 * too late here always finds its window still open.
 */
public final class PartitionLateness {

  /** The verdict on one sample. */
  public enum Verdict { ON_TIME, LATE, TOO_LATE }

  private final long outOfOrdernessMillis;
  private final WindowClock clock;
  /** Newest event time per partition; Long.MIN_VALUE for a partition not seen yet. */
  private long[] newest = new long[0];

  public PartitionLateness(long outOfOrdernessMillis, WindowClock clock) {
    this.outOfOrdernessMillis = outOfOrdernessMillis;
    this.clock = clock;
  }

  public Verdict check(int partition, long eventTime) {
    ensure(partition);
    long newestBefore = newest[partition];
    newest[partition] = Math.max(newestBefore, eventTime);
    if (newestBefore == Long.MIN_VALUE) {
      return Verdict.ON_TIME;
    }
    long watermark = newestBefore - outOfOrdernessMillis - 1;
    long windowEnd = Math.floorDiv(eventTime, Resolution.BASE_MILLIS) * Resolution.BASE_MILLIS + Resolution.BASE_MILLIS;
    if (clock.closeTime(windowEnd) <= watermark) {
      return Verdict.TOO_LATE;
    }
    return eventTime <= watermark ? Verdict.LATE : Verdict.ON_TIME;
  }

  /** The newest event time of a partition, for checkpoints; Long.MIN_VALUE when none was seen. */
  public long newest(int partition) {
    return partition < newest.length ? newest[partition] : Long.MIN_VALUE;
  }

  public int partitions() {
    return newest.length;
  }

  /** Restores a partition's newest event time; keeps the larger of what it has and {@code time}. */
  public void restore(int partition, long time) {
    ensure(partition);
    newest[partition] = Math.max(newest[partition], time);
  }

  private void ensure(int partition) {
    if (partition >= newest.length) {
      int old = newest.length;
      newest = Arrays.copyOf(newest, partition + 1);
      Arrays.fill(newest, old, newest.length, Long.MIN_VALUE);
    }
  }
}

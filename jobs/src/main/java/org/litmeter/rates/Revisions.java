package org.litmeter.rates;

import java.time.Duration;

/**
 * How published rates are revised, as a statistics office does: the live job publishes each
 * window's row as soon as the window closes (revision {@link #LIVE}, preliminary); a restatement
 * computes the window again from every stored sample and publishes it under its own, higher
 * revision number. A row is final when a restatement computed it after its window's revision
 * period had passed, the time within which late data is expected; the live job's rows, computed
 * before any late data could arrive, are always preliminary.
 */
public final class Revisions {

  /** The revision of the rows the live job writes; every restatement's is higher. */
  public static final long LIVE = 0;

  private Revisions() {}

  /** Whether a row of a window ending at {@code windowEnd}, computed at {@code computedAt}, is final. */
  public static boolean isFinal(long revision, long windowEnd, long computedAt, Duration revisionPeriod) {
    return revision != LIVE && computedAt >= windowEnd + revisionPeriod.toMillis();
  }
}

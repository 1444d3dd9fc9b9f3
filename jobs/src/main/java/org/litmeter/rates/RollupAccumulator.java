package org.litmeter.rates;

import java.util.Arrays;

/**
 * Sums center rows into a longer window or a wider scope, remembering which five-minute windows
 * and which centers reported, so that a replay in any order gives the same row.
 */
public class RollupAccumulator {

  public WindowTotals totals = new WindowTotals();
  /** Bit i: the i-th five-minute window of the bucket had data. */
  public long[] reportedWindowBits = new long[0];
  /** Centers that reported, sorted, without repeats. */
  public String[] reportingCenters = new String[0];

  public RollupAccumulator() {}

  /** Adds one center's five-minute row that lies in the bucket starting at {@code bucketStart}. */
  public void add(String center, RatesRow centerRow, long bucketStart) {
    totals.add(centerRow.totals);
    int window = (int) ((centerRow.windowStart - bucketStart) / Resolution.BASE_MILLIS);
    if (reportedWindowBits.length <= window / 64) {
      reportedWindowBits = Arrays.copyOf(reportedWindowBits, window / 64 + 1);
    }
    reportedWindowBits[window / 64] |= 1L << (window % 64);
    int at = Arrays.binarySearch(reportingCenters, center);
    if (at < 0) {
      int insert = -at - 1;
      String[] grown = new String[reportingCenters.length + 1];
      System.arraycopy(reportingCenters, 0, grown, 0, insert);
      grown[insert] = center;
      System.arraycopy(reportingCenters, insert, grown, insert + 1, reportingCenters.length - insert);
      reportingCenters = grown;
    }
  }

  public int reportedWindows() {
    int n = 0;
    for (long bits : reportedWindowBits) {
      n += Long.bitCount(bits);
    }
    return n;
  }
}

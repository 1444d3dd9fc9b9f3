package org.litmeter.rates;

/** Millionths as longs: sums that are exact and independent of the order of addition. */
public final class FixedPoint {

  public static final long SCALE = 1_000_000L;

  private FixedPoint() {}

  public static long toMicro(double value) {
    return Math.round(value * SCALE);
  }

  public static double fromMicro(long micro) {
    return (double) micro / SCALE;
  }
}

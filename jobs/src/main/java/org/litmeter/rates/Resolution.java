package org.litmeter.rates;

import java.time.Duration;
import java.time.ZoneOffset;

/**
 * The window sizes of the rates. Five-minute windows are the base; hours and days are rollups of
 * whole base windows. Days start at midnight in the configured offset (China Standard Time by
 * default, so a regulator's day is one row), hours and five-minute windows at round UTC times.
 */
public enum Resolution {
  FIVE_MINUTES("5m", Duration.ofMinutes(5)),
  HOUR("1h", Duration.ofHours(1)),
  DAY("1d", Duration.ofDays(1));

  public static final long BASE_MILLIS = Duration.ofMinutes(5).toMillis();

  private final String label;
  private final long millis;

  Resolution(String label, Duration size) {
    this.label = label;
    this.millis = size.toMillis();
  }

  /** The name in ClickHouse and in the docs: 5m, 1h, 1d. */
  public String label() {
    return label;
  }

  public long millis() {
    return millis;
  }

  /** Number of five-minute windows in one window of this resolution. */
  public int baseWindows() {
    return (int) (millis / BASE_MILLIS);
  }

  /** Start of the window holding {@code timestamp}; days are aligned to {@code dayOffset}. */
  public long windowStart(long timestamp, ZoneOffset dayOffset) {
    long shift = this == DAY ? dayOffset.getTotalSeconds() * 1000L : 0;
    return Math.floorDiv(timestamp + shift, millis) * millis - shift;
  }
}

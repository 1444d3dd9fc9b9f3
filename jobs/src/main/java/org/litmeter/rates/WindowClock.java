package org.litmeter.rates;

import java.io.Serializable;

/**
 * When a window closes: once the watermark passes its end plus the allowed lateness. Every stage
 * of the rates job fires its windows at this same instant and stamps its output with it, so a
 * downstream stage sees a window's inputs before the watermark that closes it there too.
 */
public record WindowClock(long allowedLatenessMillis) implements Serializable {

  public WindowClock {
    if (allowedLatenessMillis < 0) {
      throw new IllegalArgumentException("allowed lateness must not be negative");
    }
  }

  /** The event-time timer of the window that ends at {@code windowEnd}. */
  public long closeTime(long windowEnd) {
    return windowEnd + allowedLatenessMillis - 1;
  }

  /** The end of the window whose timer is {@code closeTime}. */
  public long windowEnd(long closeTime) {
    return closeTime - allowedLatenessMillis + 1;
  }
}

package org.litmeter.detect;

import java.util.Map;
import java.util.function.LongFunction;
import org.litmeter.schema.Alert;

/**
 * A condition that must hold for {@code windows} consecutive windows before it is an alert, and
 * that resolves the alert the first window it no longer holds. One rule for every windowed
 * detector. A Flink-friendly POJO.
 */
public class Streak {

  public int count;
  public long start;
  public Alert firing;

  public Streak() {}

  /**
   * Advances the streak by one window; returns a new firing alert, a resolution, or null.
   *
   * @param fire builds the firing alert from the streak's start
   */
  public Alert update(boolean holds, long windowStart, long windowEnd, int windows, LongFunction<Alert> fire) {
    if (holds) {
      if (count == 0) {
        start = windowStart;
      }
      count++;
      if (count >= windows && firing == null) {
        firing = fire.apply(start);
        return firing;
      }
      return null;
    }
    count = 0;
    if (firing != null) {
      Alert resolved = AlertFactory.resolved(firing, windowEnd, "ended", Map.of());
      firing = null;
      return resolved;
    }
    return null;
  }
}

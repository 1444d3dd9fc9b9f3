package org.litmeter.schema;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as litmeter writes them in every option and setting: a whole number and a unit, {@code
 * 500ms}, {@code 30s}, {@code 5m}, {@code 12h}, {@code 7d}. ISO-8601 ({@code PT12H}) is still read,
 * for settings written before.
 */
public final class Durations {

  private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Durations() {}

  /** @throws IllegalArgumentException when {@code text} is neither form */
  public static Duration parse(String text) {
    String t = text.strip();
    Matcher m = FORM.matcher(t);
    if (!m.matches()) {
      try {
        return Duration.parse(t);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("not a duration (like 500ms, 30s, 5m, 12h, 7d): " + text);
      }
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  /**
   * {@code text} as a whole number of {@code unit}s (hours, days), for options that size simulated
   * time or a report's period.
   *
   * @throws IllegalArgumentException when it is not a duration or not whole
   */
  public static long whole(String text, ChronoUnit unit) {
    Duration d = parse(text);
    Duration one = unit.getDuration();
    if (d.isNegative() || d.toMillis() % one.toMillis() != 0) {
      throw new IllegalArgumentException("not a whole number of " + unit.toString().toLowerCase(Locale.ROOT)
          + ": " + text);
    }
    return d.toMillis() / one.toMillis();
  }

  /** {@code d} in the largest unit that writes it whole: 90s, 2m, 12h, 7d, 500ms. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 86_400_000 == 0 && ms != 0) {
      return ms / 86_400_000 + "d";
    }
    if (ms % 3_600_000 == 0 && ms != 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms != 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}

package org.litmeter.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them on a command line: 500ms, 30s, 5m, 1h, 2d. */
final class Durations {

  private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Durations() {}

  static Duration parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration (like 500ms, 30s, 5m, 1h, 2d): " + text);
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
}

package org.litmeter.cli;

import java.time.Duration;
import java.util.Locale;

/** What the commands print for people: steps with their durations. */
final class Console implements org.litmeter.benchmarks.pipeline.Benchmarks.Printer {

  private final long started = System.nanoTime();
  private long stepStarted = started;

  @Override
  public void step(String what) {
    stepStarted = System.nanoTime();
    System.out.printf(Locale.ROOT, "%n==> %s%n", what);
    System.out.flush();
  }

  @Override
  public void info(String format, Object... args) {
    System.out.printf(Locale.ROOT, "    " + format + "%n", args);
    System.out.flush();
  }

  /** A progress line that overwrites itself on a terminal. */
  void progress(String format, Object... args) {
    String line = String.format(Locale.ROOT, "    " + format, args);
    if (System.console() != null) {
      System.out.print("\r" + line + "   ");
    } else {
      System.out.println(line);
    }
    System.out.flush();
  }

  void endProgress() {
    if (System.console() != null) {
      System.out.println();
    }
  }

  Duration sinceStep() {
    return Duration.ofNanos(System.nanoTime() - stepStarted);
  }

  Duration sinceStart() {
    return Duration.ofNanos(System.nanoTime() - started);
  }

  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}

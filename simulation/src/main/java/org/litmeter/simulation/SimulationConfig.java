package org.litmeter.simulation;

import java.time.Duration;
import java.time.Instant;

/**
 * What the fleet simulator produces. Equal configurations give byte-identical output.
 *
 * @param centers number of registered centers
 * @param gpusPerCenter devices each center has on its floor (planned accelerators are more)
 * @param start first instant simulated (a whole five-minute boundary is best)
 * @param duration how long is simulated
 * @param cadence the exporter's sampling interval
 * @param seed the seed of every random choice
 * @param faults how messy the delivered stream is
 * @param stability how often the chips crash
 */
public record SimulationConfig(int centers, int gpusPerCenter, Instant start, Duration duration,
    Duration cadence, long seed, Faults faults, Stability stability) {

  /**
   * Crashes per device and day of imported (NVIDIA) and domestic chips: each reports an error code
   * for a few minutes, goes silent for 10 to 90 minutes and comes back with its energy counter
   * restarted ({@link FleetSimulator}).
   */
  public record Stability(double importedCrashesPerDay, double domesticCrashesPerDay) {

    public static Stability none() {
      return new Stability(0, 0);
    }

    /** Domestic chips crash about once a day, imported ones ten times less often. */
    public static Stability realistic() {
      return new Stability(0.1, 1.0);
    }
  }

  /** A fleet whose chips crash at {@link Stability#realistic()} rates. */
  public SimulationConfig(int centers, int gpusPerCenter, Instant start, Duration duration, Duration cadence, long seed,
      Faults faults) {
    this(centers, gpusPerCenter, start, duration, cadence, seed, faults, Stability.realistic());
  }

  /**
   * Probabilities per sample, and the delays that decide whether a late sample is still counted.
   * {@code maxCountedDelay} must stay below the job's out-of-orderness plus allowed lateness (90 s
   * by default); {@code tooLateDelay} must exceed the window length plus both (6.5 minutes).
   */
  public record Faults(double missing, double duplicate, double outOfOrder, double late, double tooLate,
      double invalid, Duration maxCountedDelay, Duration tooLateDelay, boolean unknownCenter) {

    public static Faults none() {
      return new Faults(0, 0, 0, 0, 0, 0, Duration.ZERO, Duration.ofMinutes(30), false);
    }

    /** Every kind of mess, at rates that make each visible in a few hours of a small fleet. */
    public static Faults realistic() {
      return new Faults(0.05, 0.01, 0.05, 0.01, 0.002, 0.001, Duration.ofSeconds(80), Duration.ofMinutes(30), true);
    }
  }

  public static final Instant DEFAULT_START = Instant.parse("2026-06-01T00:00:00Z");

  public SimulationConfig {
    if (centers < 1 || gpusPerCenter < 1) {
      throw new IllegalArgumentException("need at least one center and one GPU per center");
    }
    if (cadence.isZero() || cadence.isNegative() || cadence.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException("cadence must be in (0, 5 minutes]");
    }
  }

  public static SimulationConfig of(int centers, int gpusPerCenter, Duration duration, long seed) {
    return new SimulationConfig(centers, gpusPerCenter, DEFAULT_START, duration, Duration.ofSeconds(30), seed,
        Faults.realistic());
  }

  public SimulationConfig withFaults(Faults f) {
    return new SimulationConfig(centers, gpusPerCenter, start, duration, cadence, seed, f, stability);
  }

  public SimulationConfig withCadence(Duration c) {
    return new SimulationConfig(centers, gpusPerCenter, start, duration, c, seed, faults, stability);
  }

  public SimulationConfig withStability(Stability s) {
    return new SimulationConfig(centers, gpusPerCenter, start, duration, cadence, seed, faults, s);
  }
}

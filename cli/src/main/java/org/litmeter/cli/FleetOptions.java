package org.litmeter.cli;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.litmeter.schema.Durations;
import org.litmeter.simulation.SimulationConfig;
import picocli.CommandLine.Option;

/**
 * The size and seed of a simulated fleet, named the same in every command that simulates one; each
 * command gives its own defaults ({@code @Mixin FleetOptions fleet = new FleetOptions(4, 64, 6, 1)}).
 */
final class FleetOptions {

  @Option(names = "--centers", description = "Compute centers (default: ${DEFAULT-VALUE})")
  int centers;

  @Option(names = "--gpus", description = "GPUs on each center's floor (default: ${DEFAULT-VALUE})")
  int gpus;

  @Option(names = "--duration", description = "Simulated time at a 30 s cadence, in whole hours (default: ${DEFAULT-VALUE})")
  String duration;

  @Option(names = "--seed", description = "Seed of the simulation: equal options, equal records (default: ${DEFAULT-VALUE})")
  long seed;

  FleetOptions(int centers, int gpus, String duration, long seed) {
    this.centers = centers;
    this.gpus = gpus;
    this.duration = duration;
    this.seed = seed;
  }

  int hours() {
    return Math.toIntExact(Durations.whole(duration, ChronoUnit.HOURS));
  }

  Duration duration() {
    return Duration.ofHours(hours());
  }

  SimulationConfig config() {
    return SimulationConfig.of(centers, gpus, duration(), seed);
  }
}

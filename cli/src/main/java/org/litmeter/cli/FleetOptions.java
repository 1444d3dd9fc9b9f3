package org.litmeter.cli;

import java.time.Duration;
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

  @Option(names = "--hours", description = "Simulated hours at a 30 s cadence (default: ${DEFAULT-VALUE})")
  int hours;

  @Option(names = "--seed", description = "Seed of the simulation: equal options, equal records (default: ${DEFAULT-VALUE})")
  long seed;

  FleetOptions(int centers, int gpus, int hours, long seed) {
    this.centers = centers;
    this.gpus = gpus;
    this.hours = hours;
    this.seed = seed;
  }

  Duration duration() {
    return Duration.ofHours(hours);
  }

  SimulationConfig config() {
    return SimulationConfig.of(centers, gpus, duration(), seed);
  }
}

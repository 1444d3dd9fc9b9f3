package org.litmeter.cli;

import picocli.CommandLine.Option;

/** {@code --parallelism}, named and defaulted the same in every command that runs a Flink job. */
final class ParallelismOption {

  @Option(names = "--parallelism", defaultValue = "2", paramLabel = "N",
      description = "Flink parallelism of the job (default: ${DEFAULT-VALUE})")
  int value;
}

package org.litmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.litmeter.infra.local.Directories;

/** README command 1, small: the demo starts everything, matches the ground truth and stops everything. */
class DemoCommandIT {

  @Test
  void theDemoMatchesTheGroundTruthAndLeavesNoServerRunning() throws Exception {
    Path home = Files.createTempDirectory("litmeter-demo-it-");
    CliRun run = CliRun.in(home, "demo", "--centers", "2", "--gpus", "16", "--hours", "2");
    String output = run.output();
    int exit = run.exit();
    System.out.println(output);
    assertThat(exit).isZero();
    assertThat(output).containsPattern("(\\d+) of \\1 rates rows .* equal the ground truth exactly\\.")
        .contains("c01", "c02", "racked rate", "dead letters by reason");
    assertThat(ProcessHandle.current().descendants()
        .map(p -> p.info().commandLine().orElse(""))
        .filter(c -> c.contains("clickhouse-server") || c.contains("kafka.Kafka")))
        .as("servers the demo started").isEmpty();
    assertThat(home.resolve("clickhouse/data")).as("data kept for ./litmeter sql").isDirectory();
    Directories.deleteTree(home);
  }
}

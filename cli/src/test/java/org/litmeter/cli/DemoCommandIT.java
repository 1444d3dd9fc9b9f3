package org.litmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.litmeter.infra.local.Directories;

/**
 * README command 1 as a newcomer runs it: the demo starts everything, matches the ground truth,
 * shows a finding arriving at on-call through a real Alertmanager, and stops everything.
 */
class DemoCommandIT {

  @Test
  void theDemoMatchesTheGroundTruthAndLeavesNoServerRunning() throws Exception {
    Path home = Files.createTempDirectory("litmeter-demo-it-");
    CliRun run = CliRun.in(home, "demo");
    String output = run.output();
    int exit = run.exit();
    System.out.println(output);
    assertThat(exit).isZero();
    assertThat(output).containsPattern("(\\d+) of \\1 rates rows .* equal the ground truth exactly\\.")
        .contains("c01", "c02", "racked rate", "dead letters by reason")
        .containsPattern("Alertmanager http://127\\.0\\.0\\.1:\\d+ with litmeter's routing")
        // the simulated fleet starts at the wall clock's hour, so which finding fires where varies between runs
        .containsPattern("litmeter-operators +firing +[a-z_]+ +c0\\d +\\S");
    assertThat(ProcessHandle.current().descendants()
        .map(p -> p.info().commandLine().orElse(""))
        .filter(c -> c.contains("clickhouse-server") || c.contains("kafka.Kafka") || c.contains("alertmanager")
            || c.contains("prometheus")))
        .as("servers the demo started").isEmpty();
    assertThat(home.resolve("clickhouse/data")).as("data kept for ./litmeter sql").isDirectory();
    Directories.deleteTree(home);
  }
}

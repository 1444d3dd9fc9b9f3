package org.litmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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
        .contains("c01", "c02", "上架率", "（真实值）", "dead letters by reason")
        .containsPattern("Alertmanager http://127\\.0\\.0\\.1:\\d+ with litmeter's routing")
        // the simulated fleet starts at the wall clock's hour, so which finding fires where varies between runs
        .containsPattern("litmeter-operators +告警中 +\\S+ +c0\\d +\\S");
    assertThat(ProcessHandle.current().descendants()
        .map(p -> p.info().commandLine().orElse(""))
        .filter(c -> c.contains("clickhouse-server") || c.contains("kafka.Kafka") || c.contains("alertmanager")
            || c.contains("prometheus")))
        .as("servers the demo started").isEmpty();
    assertThat(home.resolve("clickhouse/data")).as("data kept for ./litmeter sql").isDirectory();
    // no password of the run is in its output or in any file it left, but the secrets themselves
    List<String> passwords = new ArrayList<>();
    try (Stream<Path> secrets = Files.list(home.resolve("clickhouse/secrets"))) {
      for (Path f : secrets.toList()) {
        passwords.add(Files.readString(f).strip());
      }
    }
    assertThat(passwords).hasSize(3);
    List<String> leaks = new ArrayList<>();
    try (Stream<Path> files = Files.walk(home)) {
      for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(home.resolve("clickhouse/secrets")))
          .toList()) {
        String text = Files.readString(f, StandardCharsets.ISO_8859_1);
        passwords.stream().filter(text::contains).forEach(p -> leaks.add(home.relativize(f).toString()));
      }
    }
    passwords.stream().filter(output::contains).forEach(p -> leaks.add("the demo's output"));
    assertThat(leaks).as("places holding a password").isEmpty();
    Directories.deleteTree(home);
  }
}

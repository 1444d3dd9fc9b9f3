package org.litmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.litmeter.infra.local.Directories;

/**
 * {@code ./litmeter evaluate}: the labelled scenarios through real Kafka, Flink and ClickHouse; every
 * dishonest pattern is caught (recall 1.0 on this suite; the aim is 0.95) and no honest center gets an alert.
 */
class EvaluateCommandIT {

  @Test
  void theDetectorsCatchEveryDishonestCenterAndLeaveTheHonestOnesAlone() throws Exception {
    Path home = Files.createTempDirectory("litmeter-evaluate-it-");
    CliRun run = CliRun.in(home, "evaluate", "--min-recall", "1.0");
    String output = run.output();
    int exit = run.exit();
    System.out.println(output);
    assertThat(output).contains("alerts on honest centers: none", "misses: none")
        .containsPattern("all +\\d+ +0 +0 +1\\.00 +1\\.00")
        .containsPattern("(\\d+) distinct alerts; \\1 rows in litmeter.alerts after dedup");
    assertThat(exit).isZero();
    Directories.deleteTree(home);
  }
}

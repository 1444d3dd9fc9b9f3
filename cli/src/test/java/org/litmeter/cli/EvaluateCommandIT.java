package org.litmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.litmeter.infra.local.Directories;

/**
 * {@code ./litmeter evaluate}: a randomized population through real Kafka, Flink and ClickHouse finds
 * exactly the alerts the one-process replay of the job's detection path finds (so that the replay's
 * figures for hundreds of centers stand for the job's), and the fixed suite is caught whole.
 */
class EvaluateCommandIT {

  /** A seed never used to tune the detectors. */
  private static final String SEED = "31";
  private static final Pattern SCORE_ROW = Pattern.compile("(?m)^([a-z_]+|all) +(\\d+) +(\\d+) +(\\d+) ");

  @Test
  void theReplayAndThePipelineRaiseTheSameAlertsOnARandomizedPopulation() throws Exception {
    Path home = Files.createTempDirectory("litmeter-evaluate-it-");
    CliRun pipeline = CliRun.in(home, "evaluate", "--pipeline", "--centers", "4", "--seed", SEED,
        "--svg", home.resolve("sweeps.svg").toString(), "--lang", "en");
    String pipelineOut = pipeline.output();
    pipeline.exit();
    System.out.println(pipelineOut);
    CliRun replay = CliRun.in(home, "evaluate", "--centers", "4", "--seed", SEED, "--lang", "en");
    String replayOut = replay.output();
    replay.exit();
    System.out.println(replayOut);

    assertThat(pipelineOut).containsPattern("(\\d+) distinct alerts; \\1 rows in litmeter.alerts after dedup");
    assertThat(scoreRows(pipelineOut)).as("TP, FP and FN per detector").isEqualTo(scoreRows(replayOut))
        .anySatisfy(row -> assertThat(row).startsWith("all "));
    assertThat(replayOut).contains("misses: none");
    assertThat(Files.readString(home.resolve("sweeps.svg"))).startsWith("<svg").contains("Acceptance-cliff recall");
    Directories.deleteTree(home);
  }

  @Test
  void theFixedSuiteIsCaughtWholeWithNoAlertOnAnHonestCenter() throws Exception {
    Path home = Files.createTempDirectory("litmeter-evaluate-fixed-it-");
    CliRun run = CliRun.in(home, "evaluate", "--fixed", "--min-recall", "1.0", "--max-honest-alerted", "0");
    // in Chinese by default: the detectors by their Chinese names
    String output = run.output();
    int exit = run.exit();
    System.out.println(output);
    assertThat(output).contains("alerts on honest centers: none", "misses: none")
        .containsPattern("全部检测 +\\d+ +0 +0 +1\\.00 +1\\.00").contains("检测类型", "验收期后负载骤降", "召回率");
    assertThat(exit).isZero();
    Directories.deleteTree(home);
  }

  private static List<String> scoreRows(String output) {
    Matcher m = SCORE_ROW.matcher(output);
    List<String> rows = new java.util.ArrayList<>();
    while (m.find()) {
      rows.add(m.group(1) + " " + m.group(2) + " " + m.group(3) + " " + m.group(4));
    }
    return rows;
  }
}

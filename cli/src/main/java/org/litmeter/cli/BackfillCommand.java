package org.litmeter.cli;

import picocli.CommandLine.Command;

/** {@code restate --backfill}: a center's history computed from the stored samples, findings included. */
@Command(name = "backfill", mixinStandardHelpOptions = true,
    description = {"Compute rates, rollups and detector findings for a past range of days from the samples stored in"
        + " ClickHouse, for every center or the --center ones, exactly as a live run over them in time would have,"
        + " while the live job runs; the same as ./litmeter restate --backfill.",
        "Replay the history into Kafka first (./litmeter ingest replay FILES...): the live job stores the samples."})
final class BackfillCommand extends RestateCommand {

  @Override
  public Integer call() throws Exception {
    backfill = true;
    return super.call();
  }
}

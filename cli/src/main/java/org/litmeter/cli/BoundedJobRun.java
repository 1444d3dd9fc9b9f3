package org.litmeter.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.core.execution.JobClient;
import org.litmeter.infra.clickhouse.ClickHouseAccess;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.infra.kafka.KafkaConnection;
import org.litmeter.infra.local.LocalStack;
import org.litmeter.jobs.EmbeddedRatesJob;
import org.litmeter.jobs.RatesJobConfig;
import org.litmeter.jobs.alerting.AlertDelivery;

/** Runs the rates job embedded over what the local Kafka holds now, to its end, showing progress. */
final class BoundedJobRun {

  private static final String CENTER_WINDOWS =
      "SELECT count() FROM litmeter.rates WHERE scope = 'center' AND resolution = '5m'";

  private BoundedJobRun() {}

  /**
   * Runs the job and waits for it to finish, printing the center windows ClickHouse holds meanwhile.
   *
   * @param expectedWindows center windows the run should produce, or -1 when unknown
   */
  static void run(LocalStack stack, String groupId, RatesJobConfig config, Console console, long expectedWindows)
      throws Exception {
    run(stack, groupId, config, console, expectedWindows, AlertDelivery.none());
  }

  /** As {@link #run(LocalStack, String, RatesJobConfig, Console, long)}, delivering alerts as {@code delivery} says. */
  static void run(LocalStack stack, String groupId, RatesJobConfig config, Console console, long expectedWindows,
      AlertDelivery delivery) throws Exception {
    Path checkpoints = Files.createDirectories(Litmeter.home().resolve("checkpoints"));
    // the job writes as the least-privileged writer, as it would in production
    JobClient job = EmbeddedRatesJob.start(KafkaConnection.plain(stack.kafka().bootstrapServers()),
        stack.clickhouse().endpointAs(ClickHouseAccess.WRITER), groupId, true, config, checkpoints, 0, delivery, 0);
    try (ClickHouseSql sql = new ClickHouseSql(stack.clickhouse().endpoint())) {
      while (true) {
        try {
          job.getJobExecutionResult().get(2, TimeUnit.SECONDS);
          break;
        } catch (TimeoutException stillRunning) {
          long done = sql.scalarLong(CENTER_WINDOWS);
          console.progress("center windows in ClickHouse: %,d%s (%s)", done,
              expectedWindows < 0 ? "" : String.format(" of %,d", expectedWindows),
              Console.seconds(console.sinceStep()));
        }
      }
    }
    console.endProgress();
    console.info("job finished in %s", Console.seconds(console.sinceStep()));
  }
}

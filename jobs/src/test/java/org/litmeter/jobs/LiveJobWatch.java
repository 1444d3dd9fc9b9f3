package org.litmeter.jobs;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.litmeter.infra.clickhouse.ClickHouseSql;

/** What the tests of late data and backfills read and wait for while the live job runs. */
final class LiveJobWatch {

  private LiveJobWatch() {}

  /** End of the newest window the live job has published (revision 0), in epoch milliseconds. */
  static long liveHorizon(ClickHouseSql sql) {
    return sql.scalarLong("SELECT toUInt64(max(window_end)) * 1000 FROM litmeter.rates_history WHERE revision = 0");
  }

  /** Waits (five minutes at most) until {@code condition} holds. */
  static void awaitUntil(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(1_000);
    }
  }
}

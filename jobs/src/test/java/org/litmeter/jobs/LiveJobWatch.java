package org.litmeter.jobs;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.ingest.kafka.Emission;
import org.litmeter.schema.AvroCodec;
import org.litmeter.schema.GpuSample;
import org.litmeter.schema.Topics;

/** What the tests of late data and backfills read, wait for and split while the live job runs. */
final class LiveJobWatch {

  private static final AvroCodec<GpuSample> SAMPLES = AvroCodec.of(GpuSample.class);

  private LiveJobWatch() {}

  /** The sample an emission carries, or null for other topics and for the simulator's undecodable records. */
  static GpuSample sampleOf(Emission e) {
    if (e.topic() != Topics.TELEMETRY) {
      return null;
    }
    try {
      return SAMPLES.decode(e.value());
    } catch (Exception undecodable) {
      return null;
    }
  }

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

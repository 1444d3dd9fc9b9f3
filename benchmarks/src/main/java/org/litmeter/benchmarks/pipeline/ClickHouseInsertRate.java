package org.litmeter.benchmarks.pipeline;

import java.time.Duration;
import java.util.List;
import org.litmeter.infra.clickhouse.ClickHouseEndpoint;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.jobs.clickhouse.RowBinaryInserter;
import org.litmeter.jobs.clickhouse.RowBinaryWriter;
import org.litmeter.jobs.clickhouse.SamplesTable;
import org.litmeter.schema.GpuSample;

/**
 * How fast ClickHouse takes samples the way the job writes them (RowBinary batches through
 * client-v2, one stream), into a scratch copy of {@code litmeter.samples}.
 */
final class ClickHouseInsertRate {

  record Result(long rows, Duration elapsed) {
    double perSecond() {
      return rows / (elapsed.toNanos() / 1e9);
    }
  }

  private ClickHouseInsertRate() {}

  static Result measure(ClickHouseEndpoint endpoint, List<GpuSample> samples, int batchRows) throws Exception {
    SamplesTable table = new SamplesTable();
    String scratch = "litmeter.bench_samples";
    try (ClickHouseSql sql = new ClickHouseSql(endpoint); RowBinaryInserter inserter = new RowBinaryInserter(endpoint)) {
      sql.execute("DROP TABLE IF EXISTS " + scratch);
      sql.execute("CREATE TABLE " + scratch + " AS litmeter.samples");
      RowBinaryWriter batch = new RowBinaryWriter(1 << 20);
      long started = System.nanoTime();
      for (GpuSample s : samples) {
        table.encode(s, batch);
        if (batch.rows() == batchRows) {
          inserter.insert(scratch, table.columns(), batch);
          batch.clear();
        }
      }
      if (batch.rows() > 0) {
        inserter.insert(scratch, table.columns(), batch);
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      long rows = sql.scalarLong("SELECT count() FROM " + scratch);
      sql.execute("DROP TABLE " + scratch);
      return new Result(rows, elapsed);
    }
  }
}

package org.litmeter.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litmeter.infra.clickhouse.ClickHouseAccess;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.infra.local.LocalClickHouseServer;

/**
 * The cluster DDL of docs/deployment.md ({@code infra/clickhouse/cluster/cluster-tables.sql}) run
 * as written on a real ClickHouse cluster ({@link LocalClickHouseCluster}: two servers of the
 * installed version as two shards, a real ZooKeeper). Afterwards every name the pipeline and the
 * dashboards use must work on either server: rows the writer inserts into the Distributed tables
 * are on the shard their key says as soon as the insert returns, FINAL still removes a replayed
 * row (the sharding key keeps both copies on one shard), and the registry is replicated to every
 * server.
 */
class ClickHouseClusterIT {

  @TempDir
  Path dir;

  @Test
  void theClusterDdlRunsAndTheDistributedTablesShardReplicateAndDeduplicate() throws Exception {
    try (LocalClickHouseCluster cluster = LocalClickHouseCluster.start(dir, 2)) {
      List<ClickHouseSql> sql = new ArrayList<>();
      for (LocalClickHouseServer server : cluster.servers()) {
        sql.add(new ClickHouseSql(server.endpoint()));
      }
      for (ClickHouseSql server : sql) {
        assertThat(server.scalar("SELECT engine FROM system.tables WHERE database = 'litmeter' AND name = 'rates'"))
            .isEqualTo("Distributed");
        assertThat(server.scalar("SELECT engine FROM system.tables WHERE database = 'litmeter_local'"
            + " AND name = 'rates'")).isEqualTo("ReplicatedReplacingMergeTree");
        assertThat(server.scalar("SELECT engine FROM system.tables WHERE database = 'litmeter' AND name = 'centers'"))
            .isEqualTo("ReplicatedReplacingMergeTree");
        assertThat(server.scalarLong("SELECT count() FROM system.columns WHERE database = 'litmeter'"
            + " AND table IN ('samples', 'rates', 'device_events', 'alerts', 'dead_letters') AND comment = ''"))
            .as("the Distributed tables keep the column comments").isZero();
      }

      // twelve centers' rows through server 0 as the pipeline's writer, one of them twice (a replay)
      try (ClickHouseSql writer = new ClickHouseSql(cluster.servers().get(0).endpointAs(ClickHouseAccess.WRITER))) {
        StringBuilder rows = new StringBuilder();
        for (int c = 1; c <= 12; c++) {
          rows.append(c == 1 ? "" : ", ").append(rateRow(String.format("c%02d", c)));
        }
        writer.execute("INSERT INTO litmeter.rates (scope, scope_id, resolution, window_start, window_end,"
            + " racked_device_windows) VALUES " + rows);
        writer.execute("INSERT INTO litmeter.rates (scope, scope_id, resolution, window_start, window_end,"
            + " racked_device_windows) VALUES " + rateRow("c07"));
        writer.execute("INSERT INTO litmeter.centers (center_id, name, province, region, planned_accelerators,"
            + " updated_at) VALUES ('c01', 'one', 'Guizhou', 'west', 8, now())");
      }

      long[] local = new long[2];
      for (int i = 0; i < 2; i++) {
        local[i] = sql.get(i).scalarLong("SELECT count() FROM litmeter_local.rates");
      }
      assertThat(local).as("both shards hold rows").doesNotContain(0L);
      assertThat(local[0] + local[1]).as("every row on its shard when the insert returned (insert_distributed_sync)")
          .isEqualTo(13);
      for (ClickHouseSql server : sql) {
        assertThat(server.scalarLong("SELECT count() FROM litmeter.rates FINAL"))
            .as("one row per key through the Distributed table").isEqualTo(12);
        assertThat(server.scalarLong("SELECT sum(racked_device_windows) FROM litmeter.rates FINAL")).isEqualTo(12 * 7);
      }
      try (ClickHouseSql writer = new ClickHouseSql(cluster.servers().get(1).endpointAs(ClickHouseAccess.WRITER))) {
        writer.execute("INSERT INTO litmeter.rates (scope, scope_id, resolution, window_start, window_end,"
            + " racked_device_windows, revision) VALUES ('center', 'c07', '5m', '2026-06-01 00:00:00',"
            + " '2026-06-01 00:05:00', 9, 3)");
      }
      for (ClickHouseSql server : sql) {
        assertThat(server.scalarLong("SELECT racked_device_windows FROM litmeter.rates FINAL WHERE scope_id = 'c07'"))
            .as("the highest revision wins").isEqualTo(9);
        assertThat(server.scalarLong("SELECT count() FROM litmeter.rates_history"))
            .as("the history keeps every row written, on the shards, read through its Distributed table")
            .isEqualTo(14);
      }
      sql.get(0).execute("INSERT INTO litmeter.restatements (revision, reason, from_time, to_time, written_to,"
          + " centers, state, requested_at, samples_read, rows_written, detail, version) VALUES (1, 'on_demand',"
          + " '2026-06-01 00:00:00', '2026-06-02 00:00:00', '2026-06-02 00:00:00', [], 'done', now(), 1, 1, '', 1)");
      sql.get(1).execute("SYSTEM SYNC REPLICA litmeter.restatements");
      assertThat(sql.get(1).scalarLong("SELECT count() FROM litmeter.restatements"))
          .as("the restatements replicated to the other server").isEqualTo(1);
      sql.get(1).execute("SYSTEM SYNC REPLICA litmeter.centers");
      assertThat(sql.get(1).scalar("SELECT name FROM litmeter.centers FINAL WHERE center_id = 'c01'"))
          .as("the registry replicated to the other server").isEqualTo("one");
      sql.forEach(ClickHouseSql::close);
    }
  }

  private static String rateRow(String center) {
    return "('center', '" + center + "', '5m', '2026-06-01 00:00:00', '2026-06-01 00:05:00', 7)";
  }
}

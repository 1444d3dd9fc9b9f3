package org.litmeter.infra.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litmeter.infra.local.FreePorts;
import org.litmeter.infra.local.LocalClickHouseServer;

/**
 * The cluster DDL of docs/deployment.md ({@code infra/clickhouse/cluster/cluster-tables.sql}) run
 * as written on a real ClickHouse cluster: two servers of the installed version (two shards), a real
 * ZooKeeper server for replication and ON CLUSTER, the migrations applied on each server first.
 * Afterwards every name the pipeline and the dashboards use must work on either server: rows
 * inserted into the Distributed tables land on the shard their key says, FINAL still removes a
 * replayed row (the sharding key keeps both copies on one shard), and the registry is replicated
 * to every server.
 */
class ClickHouseClusterIT {

  private static final String CLUSTER_DDL = "/org/litmeter/infra/clickhouse/cluster/cluster-tables.sql";

  @TempDir
  Path dir;

  @Test
  void theClusterDdlRunsAndTheDistributedTablesShardReplicateAndDeduplicate() throws Exception {
    int zkPort = FreePorts.pick();
    ZooKeeperServer zk = new ZooKeeperServer(Files.createDirectories(dir.resolve("zk/snap")).toFile(),
        Files.createDirectories(dir.resolve("zk/log")).toFile(), 2000);
    ServerCnxnFactory zkFactory = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", zkPort), 100);
    zkFactory.startup(zk);
    List<LocalClickHouseServer> servers = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        servers.add(LocalClickHouseServer.start(dir.resolve("ch" + i)));
      }
      // the cluster's configuration needs every server's port: written once all have one, then restarted
      for (int i = 0; i < 2; i++) {
        LocalClickHouseServer server = servers.get(i);
        server.stop();
        Files.createDirectories(server.directory().resolve("config.d"));
        Files.writeString(server.directory().resolve("config.d/cluster.xml"), clusterConfig(servers, i, zkPort));
        server.start();
      }
      List<ClickHouseSql> sql = new ArrayList<>();
      for (LocalClickHouseServer server : servers) {
        sql.add(new ClickHouseSql(server.endpoint()));
        ClickHouseMigrations.apply(sql.get(sql.size() - 1));
      }
      for (String statement : clusterStatements()) {
        sql.get(0).execute(statement);
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

      // twelve centers' rows through server 0, one of them twice (a replay)
      StringBuilder rows = new StringBuilder();
      for (int c = 1; c <= 12; c++) {
        rows.append(c == 1 ? "" : ", ").append(rateRow(String.format("c%02d", c)));
      }
      sql.get(0).execute("INSERT INTO litmeter.rates (scope, scope_id, resolution, window_start, window_end,"
          + " racked_device_windows) VALUES " + rows);
      sql.get(0).execute("INSERT INTO litmeter.rates (scope, scope_id, resolution, window_start, window_end,"
          + " racked_device_windows) VALUES " + rateRow("c07"));
      sql.get(0).execute("INSERT INTO litmeter.centers (center_id, name, province, region, planned_accelerators,"
          + " updated_at) VALUES ('c01', 'one', 'Guizhou', 'west', 8, now())");

      // a Distributed table forwards inserts in the background (18.16 has no INSERT ... SETTINGS to wait)
      long[] local = new long[2];
      FreePorts.await("the Distributed inserts forwarded to their shards", Duration.ofSeconds(60), () -> {
        for (int i = 0; i < 2; i++) {
          local[i] = sql.get(i).scalarLong("SELECT count() FROM litmeter_local.rates");
        }
        return local[0] + local[1] >= 13;
      });
      assertThat(local).as("both shards hold rows").doesNotContain(0L);
      assertThat(local[0] + local[1]).as("every inserted row, the replay included").isEqualTo(13);
      for (ClickHouseSql server : sql) {
        assertThat(server.scalarLong("SELECT count() FROM litmeter.rates FINAL"))
            .as("one row per key through the Distributed table").isEqualTo(12);
        assertThat(server.scalarLong("SELECT sum(racked_device_windows) FROM litmeter.rates FINAL")).isEqualTo(12 * 7);
      }
      sql.get(1).execute("SYSTEM SYNC REPLICA litmeter.centers");
      assertThat(sql.get(1).scalar("SELECT name FROM litmeter.centers FINAL WHERE center_id = 'c01'"))
          .as("the registry replicated to the other server").isEqualTo("one");
      sql.forEach(ClickHouseSql::close);
    } finally {
      servers.forEach(LocalClickHouseServer::stop);
      zkFactory.shutdown();
      zk.shutdown();
    }
  }

  private static String rateRow(String center) {
    return "('center', '" + center + "', '5m', '2026-06-01 00:00:00', '2026-06-01 00:05:00', 7)";
  }

  private static List<String> clusterStatements() throws Exception {
    try (InputStream in = ClickHouseClusterIT.class.getResourceAsStream(CLUSTER_DDL)) {
      assertThat(in).as(CLUSTER_DDL + " on the classpath").isNotNull();
      return new ClickHouseMigrations.Migration(0, "cluster", new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .statements();
    }
  }

  /** Two shards of one replica each, the macros of server {@code self}, and the ZooKeeper server. */
  private static String clusterConfig(List<LocalClickHouseServer> servers, int self, int zkPort) {
    StringBuilder shards = new StringBuilder();
    for (LocalClickHouseServer server : servers) {
      shards.append("""
                <shard>
                  <internal_replication>true</internal_replication>
                  <replica><host>127.0.0.1</host><port>%d</port></replica>
                </shard>
          """.formatted(server.tcpPort()));
    }
    return """
        <?xml version="1.0"?>
        <yandex>
          <zookeeper><node><host>127.0.0.1</host><port>%d</port></node></zookeeper>
          <remote_servers>
            <litmeter_cluster>
        %s    </litmeter_cluster>
          </remote_servers>
          <macros><shard>%02d</shard><replica>replica-%d</replica></macros>
          <interserver_http_host>127.0.0.1</interserver_http_host>
          <distributed_ddl><path>/clickhouse/task_queue/ddl</path></distributed_ddl>
        </yandex>
        """.formatted(zkPort, shards, self + 1, self);
  }
}

package org.litmeter.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.litmeter.infra.clickhouse.ClickHouseMigrations;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.infra.local.FreePorts;
import org.litmeter.infra.local.LocalClickHouseServer;

/**
 * A real ClickHouse cluster on loopback laid out as docs/deployment.md says: a ZooKeeper server (in
 * this JVM, from ZooKeeper's own jar), {@code shards} ClickHouse servers of the installed version
 * with one replica each in cluster {@code litmeter_cluster}, the migrations applied on every server
 * and then {@code infra/clickhouse/cluster/cluster-tables.sql} run as written.
 */
public final class LocalClickHouseCluster implements AutoCloseable {

  private static final String CLUSTER_DDL = "/org/litmeter/infra/clickhouse/cluster/cluster-tables.sql";

  private final ZooKeeperServer zooKeeper;
  private final ServerCnxnFactory zooKeeperConnections;
  private final List<LocalClickHouseServer> servers = new ArrayList<>();

  private LocalClickHouseCluster(Path dir) throws IOException, InterruptedException {
    zooKeeper = new ZooKeeperServer(Files.createDirectories(dir.resolve("zookeeper/snapshots")).toFile(),
        Files.createDirectories(dir.resolve("zookeeper/log")).toFile(), 2000);
    zooKeeperConnections = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", FreePorts.pick()), 100);
    zooKeeperConnections.startup(zooKeeper);
  }

  public static LocalClickHouseCluster start(Path dir, int shards) throws IOException, InterruptedException {
    LocalClickHouseCluster cluster = new LocalClickHouseCluster(dir);
    try {
      for (int i = 0; i < shards; i++) {
        cluster.servers.add(LocalClickHouseServer.configure(dir.resolve("clickhouse-" + i)));
      }
      // the cluster's configuration names every server's port: written once all have one
      for (int i = 0; i < shards; i++) {
        LocalClickHouseServer server = cluster.servers.get(i);
        Files.createDirectories(server.directory().resolve("config.d"));
        Files.writeString(server.directory().resolve("config.d/cluster.xml"), cluster.config(i));
        server.start();
      }
      for (LocalClickHouseServer server : cluster.servers) {
        try (ClickHouseSql sql = new ClickHouseSql(server.endpoint())) {
          ClickHouseMigrations.apply(sql);
        }
      }
      try (ClickHouseSql sql = new ClickHouseSql(cluster.servers.get(0).endpoint())) {
        for (String statement : clusterStatements()) {
          sql.execute(statement);
        }
      }
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  public List<LocalClickHouseServer> servers() {
    return servers;
  }

  private static List<String> clusterStatements() throws IOException {
    try (InputStream in = LocalClickHouseCluster.class.getResourceAsStream(CLUSTER_DDL)) {
      if (in == null) {
        throw new IOException(CLUSTER_DDL + " is not on the classpath");
      }
      return new ClickHouseMigrations.Migration(0, "cluster", new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .statements();
    }
  }

  /** One replica per shard, the macros of server {@code self}, and the ZooKeeper server. */
  private String config(int self) {
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
        """.formatted(zooKeeperConnections.getLocalPort(), shards, self + 1, self);
  }

  @Override
  public void close() {
    servers.forEach(LocalClickHouseServer::stop);
    zooKeeperConnections.shutdown();
    zooKeeper.shutdown();
  }
}

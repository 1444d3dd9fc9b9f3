package org.litmeter.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.litmeter.infra.clickhouse.ClickHouseAccess;
import org.litmeter.infra.clickhouse.ClickHouseMigrations;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.infra.local.LocalClickHouseServer;
import picocli.CommandLine.Mixin;

/**
 * Which ClickHouse a read-only command talks to: a server given by {@code --clickhouse}, or else a private
 * server started on the data that {@code ./litmeter demo} (or {@code up}) left in {@code .litmeter},
 * migrated to this version's tables first and queried as the read-only user.
 */
final class ClickHouseTarget {

  /** What a command does with the connection. */
  interface Work {
    void run(ClickHouseSql sql) throws Exception;
  }

  @Mixin ClickHouseOptions clickhouse;

  /** Runs {@code work}; returns 1 with a message when there is neither a URL nor local data. */
  int run(Work work) throws Exception {
    if (clickhouse.given()) {
      try (ClickHouseSql sql = new ClickHouseSql(clickhouse.endpoint("default"))) {
        work.run(sql);
      }
      return 0;
    }
    Path data = Litmeter.home().resolve("clickhouse");
    if (!Files.isDirectory(data.resolve("data"))) {
      System.err.println("no local ClickHouse data in " + data + ": run ./litmeter demo first, or pass --clickhouse");
      return 1;
    }
    try (LocalClickHouseServer server = LocalClickHouseServer.start(data)) {
      try (ClickHouseSql admin = new ClickHouseSql(server.endpoint())) {
        // local data of an older litmeter gets the tables this one reads
        ClickHouseMigrations.apply(admin);
      }
      try (ClickHouseSql reader = new ClickHouseSql(server.endpointAs(ClickHouseAccess.READER))) {
        work.run(reader);
      }
    }
    return 0;
  }
}

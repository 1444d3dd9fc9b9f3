package org.litmeter.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.litmeter.infra.clickhouse.ClickHouseEndpoint;
import org.litmeter.infra.clickhouse.ClickHouseMigrations;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.infra.local.Directories;
import org.litmeter.infra.local.LocalClickHouseServer;

/**
 * A private, real ClickHouse server (free ports, temporary data directory) for the tests of one
 * class, with litmeter's migrations applied. Installs Debian's clickhouse-server when missing
 * and running as root, as the README's commands do.
 */
public final class ClickHouseServerExtension implements BeforeAllCallback, AfterAllCallback {

  private LocalClickHouseServer server;
  private ClickHouseSql sql;
  private Path dir;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("litmeter-clickhouse-");
    server = LocalClickHouseServer.start(dir);
    sql = new ClickHouseSql(server.endpoint());
    ClickHouseMigrations.apply(sql);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (sql != null) {
      sql.close();
    }
    if (server != null) {
      server.stop();
    }
    Directories.deleteTree(dir);
  }

  public ClickHouseEndpoint endpoint() {
    return server.endpoint();
  }

  public ClickHouseSql sql() {
    return sql;
  }

  /** The server itself, for fault injection (stop, kill, start). */
  public LocalClickHouseServer server() {
    return server;
  }
}

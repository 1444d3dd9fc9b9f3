package org.litmeter.infra.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.litmeter.infra.local.Directories;
import org.litmeter.infra.local.LocalClickHouseServer;

/** The users of {@link ClickHouseAccess} on a real ClickHouse: each can do its job and nothing more. */
class ClickHouseAccessIT {

  private static Path dir;
  private static LocalClickHouseServer server;
  private static ClickHouseSql admin;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("litmeter-access-it-");
    server = LocalClickHouseServer.start(dir);
    admin = new ClickHouseSql(server.endpointAs(ClickHouseAccess.ADMIN));
    ClickHouseMigrations.apply(admin);
    admin.execute("CREATE DATABASE IF NOT EXISTS other");
    admin.execute("CREATE TABLE IF NOT EXISTS other.secrets (x UInt8) ENGINE = Memory");
    admin.execute("INSERT INTO other.secrets VALUES (1)");
    admin.execute("INSERT INTO litmeter.centers (center_id, name, province, region, planned_accelerators, updated_at)"
        + " VALUES ('c01', 'one', 'Guizhou', 'west', 8, now())");
  }

  @AfterAll
  static void stop() throws Exception {
    admin.close();
    server.stop();
    Directories.deleteTree(dir);
  }

  @Test
  void theReaderReadsLitmeterButCannotInsertDropOrAlter() {
    try (ClickHouseSql reader = new ClickHouseSql(server.endpointAs(ClickHouseAccess.READER))) {
      assertThat(reader.scalarLong("SELECT count() FROM litmeter.centers")).isEqualTo(1);
      assertThat(reader.scalar("SELECT value FROM system.settings WHERE name = 'max_execution_time'")).isEqualTo("60");
      assertThatThrownBy(() -> reader.execute("INSERT INTO litmeter.centers (center_id, updated_at)"
          + " VALUES ('c02', now())")).hasMessageContaining("readonly");
      assertThatThrownBy(() -> reader.execute("DROP TABLE litmeter.centers")).hasMessageContaining("readonly");
      assertThatThrownBy(() -> reader.execute("ALTER TABLE litmeter.centers DELETE WHERE 1"))
          .hasMessageContaining("readonly");
      assertThatThrownBy(() -> reader.scalarLong("SELECT count() FROM other.secrets"))
          .hasMessageContaining("other");
    }
    assertThat(admin.scalarLong("SELECT count() FROM litmeter.centers")).isEqualTo(1);
  }

  @Test
  void theWriterWritesLitmeterButCannotReadOtherDatabases() {
    try (ClickHouseSql writer = new ClickHouseSql(server.endpointAs(ClickHouseAccess.WRITER))) {
      writer.execute("INSERT INTO litmeter.dead_letters (stage, origin, reason, detail, raw, recorded_at)"
          + " VALUES ('test', 'access-it', 'probe', '', '', now())");
      assertThat(writer.scalarLong("SELECT count() FROM litmeter.dead_letters WHERE origin = 'access-it'"))
          .isEqualTo(1);
      assertThatThrownBy(() -> writer.scalarLong("SELECT count() FROM other.secrets")).hasMessageContaining("other");
      assertThatThrownBy(() -> writer.execute("INSERT INTO other.secrets VALUES (2)")).hasMessageContaining("other");
    }
  }

  @Test
  void aWrongPasswordIsRefusedAndOnlyHashesAreInTheServersConfiguration() throws Exception {
    try (ClickHouseSql wrong = new ClickHouseSql(server.endpointAs(ClickHouseAccess.READER)
        .as(ClickHouseAccess.READER.name(), "not-the-password"))) {
      assertThatThrownBy(() -> wrong.scalar("SELECT 1")).hasMessageContaining("assword");
    }
    String config = Files.readString(dir.resolve("users.d/litmeter.xml"));
    for (String password : ClickHouseAccess.passwords(server.secrets(), name -> null).values()) {
      assertThat(config).doesNotContain(password).contains(ClickHouseAccess.sha256(password));
    }
  }
}

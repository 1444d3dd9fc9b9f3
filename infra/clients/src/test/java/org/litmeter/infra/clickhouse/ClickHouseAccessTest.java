package org.litmeter.infra.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClickHouseAccessTest {

  @TempDir
  Path secrets;

  @Test
  void passwordsComeFromTheEnvironmentElseFromPrivateFilesThatPersist() throws Exception {
    Map<ClickHouseAccess.User, String> first = ClickHouseAccess.passwords(secrets,
        name -> name.equals("LITMETER_READER_PASSWORD") ? "from-env" : null);
    assertThat(first.get(ClickHouseAccess.READER)).isEqualTo("from-env");
    assertThat(first.get(ClickHouseAccess.WRITER)).hasSizeGreaterThanOrEqualTo(20);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.resolve("writer.password"))))
        .isEqualTo("rw-------");
    assertThat(ClickHouseAccess.passwords(secrets, name -> null).get(ClickHouseAccess.WRITER))
        .isEqualTo(first.get(ClickHouseAccess.WRITER));
    assertThat(secrets.resolve("reader.password")).exists();
  }

  @Test
  void theSecretsDirectoryIsPrivateAndLooseFilesAreTightened() throws Exception {
    Path dir = secrets.resolve("nested");
    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Files.writeString(dir.resolve("admin.password"), "kept\n");
    Files.setPosixFilePermissions(dir.resolve("admin.password"), PosixFilePermissions.fromString("rw-r--r--"));
    Map<ClickHouseAccess.User, String> pw = ClickHouseAccess.passwords(dir, name -> null);
    assertThat(pw.get(ClickHouseAccess.ADMIN)).isEqualTo("kept");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    try (var files = Files.list(dir)) {
      assertThat(files).allSatisfy(f -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
          .as(f.toString()).isEqualTo("rw-------"))
          .extracting(f -> f.getFileName().toString())
          .containsExactlyInAnyOrder("admin.password", "writer.password", "reader.password");
    }
  }

  @Test
  void theAdministratorMayConnectFromTheServersHostOnly() {
    Map<ClickHouseAccess.User, String> pw = Map.of(ClickHouseAccess.ADMIN, "a", ClickHouseAccess.WRITER, "w",
        ClickHouseAccess.READER, "r");
    String xml = ClickHouseAccess.usersXml(pw);
    String admin = xml.substring(xml.indexOf("<litmeter_admin>\n      <password"), xml.indexOf("</litmeter_admin>", 
        xml.indexOf("<litmeter_admin>\n      <password")));
    assertThat(admin).contains("<networks><ip>127.0.0.1</ip><ip>::1</ip></networks>").doesNotContain("::/0");
    assertThat(xml.split("<ip>::/0</ip>", -1)).as("writer and reader from anywhere (the job, Grafana)").hasSize(3);
    assertThat(ClickHouseAccess.accessControlSql(pw)).contains("CREATE USER OR REPLACE litmeter_admin IDENTIFIED WITH"
        + " sha256_hash BY '" + ClickHouseAccess.sha256("a") + "' HOST LOCAL")
        .contains("litmeter_reader IDENTIFIED WITH sha256_hash BY '" + ClickHouseAccess.sha256("r") + "' HOST ANY");
  }

  @Test
  void theCurrentServerScriptGrantsWhatTheOldServerConfigAllows() {
    Map<ClickHouseAccess.User, String> pw = Map.of(ClickHouseAccess.ADMIN, "a", ClickHouseAccess.WRITER, "w",
        ClickHouseAccess.READER, "r");
    String sql = ClickHouseAccess.accessControlSql(pw);
    assertThat(sql).contains("GRANT SELECT ON litmeter.* TO litmeter_reader;")
        .contains("GRANT SELECT, INSERT ON litmeter.* TO litmeter_writer;")
        .contains("readonly = 1 CONST, max_memory_usage = 1000000000 CONST, max_execution_time = 60 MAX 60"
            + " CHANGEABLE_IN_READONLY")
        .contains("max_memory_usage = 2000000000, insert_distributed_sync = 1;")
        .contains(ClickHouseAccess.sha256("r")).doesNotContain("'r'");
    String xml = ClickHouseAccess.usersXml(pw);
    assertThat(xml).contains("<readonly>2</readonly>", "<max_execution_time>60</max_execution_time>",
        "<database>litmeter</database>", ClickHouseAccess.sha256("w"));
    // the writer's inserts into a cluster's Distributed tables wait for the shards; the reader never inserts
    assertThat(xml.split("<insert_distributed_sync>1</insert_distributed_sync>", -1)).hasSize(3);
  }
}

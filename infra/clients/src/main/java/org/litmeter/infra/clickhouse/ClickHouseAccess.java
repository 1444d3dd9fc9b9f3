package org.litmeter.infra.clickhouse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The ClickHouse users litmeter defines, least privilege first, and their renderings for the two
 * server generations: a {@code users.d} file for ClickHouse 18.16 (which has no {@code CREATE
 * USER}) and an SQL access-control script for current servers. Both come from {@link #USERS}, so
 * they cannot drift apart.
 *
 * <p>Passwords come from the environment ({@code LITMETER_<ROLE>_PASSWORD}) or from files in a
 * secrets directory outside the repository; only their SHA-256 hashes are written to configuration.
 */
public final class ClickHouseAccess {

  /**
   * One user.
   *
   * @param readonly 0 may write (and its inserts into a cluster's Distributed tables wait until the
   *     shards have the rows, so that a sink's flush at a checkpoint means the rows are stored); 2
   *     may only read and change settings (the Grafana plugin sets {@code max_execution_time} on
   *     every query, which {@code readonly = 1} refuses on 18.16)
   * @param databases databases it may use; empty for all
   * @param maxMemoryBytes per-query memory limit
   * @param maxExecutionSeconds per-query time limit, 0 for none
   * @param loopbackOnly may connect from the server's own host only (the administrator: migrations
   *     and operations run there, or through an SSH tunnel)
   */
  public record User(String name, String role, String description, int readonly, List<String> databases,
      long maxMemoryBytes, int maxExecutionSeconds, boolean loopbackOnly) {
    public String passwordVariable() {
      return "LITMETER_" + role.toUpperCase(java.util.Locale.ROOT) + "_PASSWORD";
    }
  }

  public static final User ADMIN = new User("litmeter_admin", "admin",
      "runs migrations and operates the server, from the server's host only", 0, List.of(), 8_000_000_000L, 0, true);
  public static final User WRITER = new User("litmeter_writer", "writer",
      "the pipeline's sinks: reads and writes the litmeter database only", 0,
      List.of(ClickHouseEndpoint.DATABASE), 2_000_000_000L, 0, false);
  public static final User READER = new User("litmeter_reader", "reader",
      "Grafana and analysts: reads the litmeter database only, with memory and time limits", 2,
      List.of(ClickHouseEndpoint.DATABASE), 1_000_000_000L, 60, false);
  public static final List<User> USERS = List.of(ADMIN, WRITER, READER);

  private ClickHouseAccess() {}

  /**
   * The password of each user: its environment variable when set, else the file
   * {@code secrets/<role>.password}, created with a random password when missing. The directory is
   * kept at mode 700 and each file at 600; a new file is written whole under another name with
   * mode 600 from its creation, then renamed, so no one ever reads it half-written or readable.
   */
  public static Map<User, String> passwords(Path secrets, Function<String, String> environment) throws IOException {
    Map<User, String> out = new java.util.LinkedHashMap<>();
    for (User u : USERS) {
      String fromEnv = environment.apply(u.passwordVariable());
      out.put(u, fromEnv != null && !fromEnv.isEmpty() ? fromEnv : fromFile(secrets.resolve(u.role() + ".password")));
    }
    return out;
  }

  private static String fromFile(Path file) throws IOException {
    Path dir = file.getParent();
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    Files.createDirectories(dir);
    if (posix) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
    if (Files.exists(file)) {
      if (posix) {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      }
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    String password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Path partial = posix
        ? Files.createTempFile(dir, ".password-", ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
        : Files.createTempFile(dir, ".password-", ".tmp");
    Files.writeString(partial, password + "\n", StandardCharsets.UTF_8);
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    return password;
  }

  /** A {@code users.d/litmeter.xml} for ClickHouse 18.16: one profile and one user per role. */
  public static String usersXml(Map<User, String> passwords) {
    StringBuilder profiles = new StringBuilder();
    StringBuilder users = new StringBuilder();
    for (User u : USERS) {
      profiles.append("    <").append(u.name()).append(">\n")
          .append("      <readonly>").append(u.readonly()).append("</readonly>\n")
          .append("      <max_memory_usage>").append(u.maxMemoryBytes()).append("</max_memory_usage>\n");
      if (u.maxExecutionSeconds() > 0) {
        profiles.append("      <max_execution_time>").append(u.maxExecutionSeconds()).append("</max_execution_time>\n");
      }
      if (u.readonly() == 0) {
        profiles.append("      <insert_distributed_sync>1</insert_distributed_sync>\n");
      }
      profiles.append("    </").append(u.name()).append(">\n");
      users.append("    <!-- ").append(u.description()).append(" -->\n")
          .append("    <").append(u.name()).append(">\n")
          .append("      <password_sha256_hex>").append(sha256(passwords.get(u))).append("</password_sha256_hex>\n")
          .append(u.loopbackOnly() ? "      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>\n"
              : "      <networks><ip>::/0</ip></networks>\n")
          .append("      <profile>").append(u.name()).append("</profile>\n")
          .append("      <quota>default</quota>\n");
      if (!u.databases().isEmpty()) {
        users.append("      <allow_databases>\n");
        u.databases().forEach(db -> users.append("        <database>").append(db).append("</database>\n"));
        users.append("      </allow_databases>\n");
      }
      users.append("    </").append(u.name()).append(">\n");
    }
    return "<?xml version=\"1.0\"?>\n<!-- litmeter users for ClickHouse 18.16, generated by ./litmeter access;"
        + " passwords as SHA-256 only -->\n<yandex>\n  <profiles>\n" + profiles + "  </profiles>\n  <users>\n"
        + users + "  </users>\n</yandex>\n";
  }

  /**
   * The same users for a current ClickHouse (SQL access control, 20.5 and later), where limits can
   * be enforced: the reader may raise nothing, and may only set its execution time up to the limit.
   */
  public static String accessControlSql(Map<User, String> passwords) {
    StringBuilder out = new StringBuilder("-- litmeter users for current ClickHouse, generated by ./litmeter access;"
        + " run as a user with access_management\n");
    for (User u : USERS) {
      String profile = u.name() + "_profile";
      out.append("\n-- ").append(u.description()).append('\n')
          .append("CREATE SETTINGS PROFILE OR REPLACE ").append(profile).append(" SETTINGS ")
          .append(u.readonly() > 0 ? "readonly = 1 CONST, " : "")
          .append("max_memory_usage = ").append(u.maxMemoryBytes()).append(u.readonly() > 0 ? " CONST" : "");
      if (u.maxExecutionSeconds() > 0) {
        out.append(", max_execution_time = ").append(u.maxExecutionSeconds()).append(" MAX ")
            .append(u.maxExecutionSeconds()).append(" CHANGEABLE_IN_READONLY");
      }
      if (u.readonly() == 0) {
        out.append(", insert_distributed_sync = 1");
      }
      out.append(";\n")
          .append("CREATE USER OR REPLACE ").append(u.name()).append(" IDENTIFIED WITH sha256_hash BY '")
          .append(sha256(passwords.get(u))).append("' HOST ").append(u.loopbackOnly() ? "LOCAL" : "ANY")
          .append(" SETTINGS PROFILE '").append(profile).append("';\n");
      if (u.databases().isEmpty()) {
        out.append("GRANT ALL ON *.* TO ").append(u.name()).append(" WITH GRANT OPTION;\n");
      } else {
        String rights = u.readonly() > 0 ? "SELECT" : "SELECT, INSERT";
        u.databases().forEach(db -> out.append("GRANT ").append(rights).append(" ON ").append(db).append(".* TO ")
            .append(u.name()).append(";\n"));
      }
    }
    return out.toString();
  }

  static String sha256(String password) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}

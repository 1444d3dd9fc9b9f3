package org.litmeter.infra.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned DDL in {@code infra/clickhouse/migrations} ({@code V<n>__<name>.sql}) in
 * order, once each, recording them in {@code litmeter.schema_migrations}. Re-running is a no-op;
 * a migration whose text changed after it was applied is an error (add a new one instead).
 * Every statement must run on ClickHouse 18.16 and on current servers.
 */
public final class ClickHouseMigrations {

  private static final Logger LOG = LoggerFactory.getLogger(ClickHouseMigrations.class);
  private static final String ROOT = "/org/litmeter/infra/clickhouse/migrations";
  private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");

  /** One migration file. */
  public record Migration(int version, String name, String sql) {
    public String checksum() {
      try {
        return HexFormat.of().formatHex(
            MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    /** Statements separated by a semicolon at the end of a line; {@code --} comment lines dropped. */
    public List<String> statements() {
      List<String> statements = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      for (String line : sql.split("\n")) {
        if (line.strip().startsWith("--")) {
          continue;
        }
        current.append(line).append('\n');
        if (line.strip().endsWith(";")) {
          String statement = current.toString().strip();
          statements.add(statement.substring(0, statement.length() - 1));
          current.setLength(0);
        }
      }
      if (!current.toString().isBlank()) {
        statements.add(current.toString().strip());
      }
      return statements;
    }
  }

  private ClickHouseMigrations() {}

  /** Applies the migrations not applied yet; returns how many it applied. */
  public static int apply(ClickHouseSql sql) {
    sql.execute("CREATE DATABASE IF NOT EXISTS litmeter");
    sql.execute("CREATE TABLE IF NOT EXISTS litmeter.schema_migrations ("
        + " version UInt32, name String, checksum String, applied_at DateTime"
        + ") ENGINE = MergeTree() ORDER BY version");
    Map<String, String> applied = new java.util.HashMap<>();
    for (ClickHouseSql.Row row : sql.rows("SELECT toString(version) AS v, checksum FROM litmeter.schema_migrations")) {
      applied.put(row.get("v"), row.get("checksum"));
    }
    int count = 0;
    for (Migration m : available()) {
      String done = applied.get(Integer.toString(m.version()));
      if (done != null) {
        if (!done.equals(m.checksum())) {
          throw new IllegalStateException("migration V" + m.version() + "__" + m.name()
              + " changed after it was applied; add a new migration instead of editing it");
        }
        continue;
      }
      LOG.info("applying ClickHouse migration V{}__{}", m.version(), m.name());
      for (String statement : m.statements()) {
        sql.execute(statement);
      }
      sql.execute("INSERT INTO litmeter.schema_migrations (version, name, checksum, applied_at) VALUES ("
          + m.version() + ", '" + m.name() + "', '" + m.checksum() + "', now())");
      count++;
    }
    return count;
  }

  /** The migrations shipped with this build, by version. */
  public static List<Migration> available() {
    URL root = ClickHouseMigrations.class.getResource(ROOT);
    if (root == null) {
      throw new IllegalStateException("no ClickHouse migrations on the classpath at " + ROOT);
    }
    try {
      if ("jar".equals(root.getProtocol())) {
        try (FileSystem jar = FileSystems.newFileSystem(root.toURI(), Map.of())) {
          return read(jar.getPath(ROOT));
        }
      }
      return read(Path.of(root.toURI()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Migration> read(Path dir) throws IOException {
    List<Migration> migrations = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        Matcher m = FILE_NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
          throw new IllegalStateException("migration file " + file.getFileName()
              + " does not match V<n>__<name>.sql");
        }
        try (InputStream in = Files.newInputStream(file)) {
          migrations.add(new Migration(Integer.parseInt(m.group(1)), m.group(2),
              new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
      }
    }
    migrations.sort(java.util.Comparator.comparingInt(Migration::version));
    for (int i = 0; i < migrations.size(); i++) {
      if (migrations.get(i).version() != i + 1) {
        throw new IllegalStateException("migration versions must run 1, 2, 3 ... without gaps; found "
            + migrations.stream().map(Migration::version).toList());
      }
    }
    return migrations;
  }
}

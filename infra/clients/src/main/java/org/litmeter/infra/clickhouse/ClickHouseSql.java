package org.litmeter.infra.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Statements and queries against ClickHouse that work on 18.16 and on current servers: results are
 * read as {@code TabSeparatedWithNamesAndTypes}. 18.16 lacks the client's default binary format and
 * ignores the format the client asks for in its settings, so the FORMAT clause is appended to the
 * query text; queries given to {@link #query} must not carry their own.
 */
public final class ClickHouseSql implements AutoCloseable {

  /** One result row: column name to value as text; SQL NULL is Java null. */
  public record Row(Map<String, String> values) {
    public String get(String column) {
      if (!values.containsKey(column)) {
        throw new IllegalArgumentException("no column " + column + " in " + values.keySet());
      }
      return values.get(column);
    }

    public long getLong(String column) {
      return Long.parseLong(get(column));
    }

    public double getDouble(String column) {
      return Double.parseDouble(get(column));
    }
  }

  /** A result: column names and types in order, and the rows. */
  public record Result(List<String> columns, List<String> types, List<Row> rows) {}

  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private final ClickHouseEndpoint endpoint;
  private final Client client;

  public ClickHouseSql(ClickHouseEndpoint endpoint) {
    this.endpoint = endpoint;
    this.client = endpoint.newClient(TIMEOUT);
  }

  /** A string literal for a query: single-quoted, with backslashes and quotes escaped. */
  public static String quote(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  public ClickHouseEndpoint endpoint() {
    return endpoint;
  }

  public boolean ping() {
    return client.ping(2000);
  }

  /** Runs a statement that returns no rows (DDL, INSERT ... SELECT, OPTIMIZE). */
  public void execute(String sql) {
    try (var response = await(client.execute(sql), sql)) {
      // nothing to read: closing releases the connection
    } catch (ClickHouseException e) {
      throw e;
    } catch (Exception e) {
      throw new ClickHouseException(firstLine(e) + " -- in: " + abbreviate(sql), e);
    }
  }

  public Result query(String sql) {
    QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.TabSeparatedWithNamesAndTypes);
    String withFormat = sql.strip().replaceAll(";$", "") + "\nFORMAT TabSeparatedWithNamesAndTypes";
    try (QueryResponse response = await(client.query(withFormat, settings), sql);
        BufferedReader reader = new BufferedReader(
            new InputStreamReader(response.getInputStream(), StandardCharsets.UTF_8))) {
      String names = reader.readLine();
      String types = reader.readLine();
      if (names == null || types == null) {
        return new Result(List.of(), List.of(), List.of());
      }
      List<String> columns = TabSeparated.split(names);
      List<String> typeList = TabSeparated.split(types);
      List<Row> rows = new ArrayList<>();
      for (String line; (line = reader.readLine()) != null; ) {
        List<String> cells = TabSeparated.split(line);
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
          row.put(columns.get(i), cells.get(i));
        }
        rows.add(new Row(Collections.unmodifiableMap(row)));
      }
      return new Result(columns, typeList, rows);
    } catch (IOException e) {
      throw new ClickHouseException("reading the result of: " + sql, e);
    } catch (ClickHouseException e) {
      throw e;
    } catch (Exception e) {
      // the client throws a server error (bad SQL, access denied) at once, not through the future
      throw new ClickHouseException(firstLine(e) + " -- in: " + abbreviate(sql), e);
    }
  }

  /** Rows of a query read one at a time, for results too large to hold: each row's cells, NULL as null. */
  public final class Cursor implements AutoCloseable {
    private final QueryResponse response;
    private final BufferedReader reader;
    private final String sql;

    private Cursor(QueryResponse response, String sql) {
      this.response = response;
      this.reader = new BufferedReader(new InputStreamReader(response.getInputStream(), StandardCharsets.UTF_8),
          1 << 16);
      this.sql = sql;
    }

    /** The next row's cells, or null after the last row. */
    public List<String> next() {
      try {
        String line = reader.readLine();
        return line == null ? null : TabSeparated.split(line);
      } catch (IOException e) {
        throw new ClickHouseException("reading the result of: " + abbreviate(sql), e);
      }
    }

    @Override
    public void close() {
      try {
        reader.close();
        response.close();
      } catch (Exception e) {
        throw new ClickHouseException("closing the result of: " + abbreviate(sql), e);
      }
    }
  }

  /** Starts a query whose rows are read with the returned cursor, which the caller closes. */
  public Cursor cursor(String sql) {
    QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.TabSeparated);
    String withFormat = sql.strip().replaceAll(";$", "") + "\nFORMAT TabSeparated";
    try {
      return new Cursor(await(client.query(withFormat, settings), sql), sql);
    } catch (ClickHouseException e) {
      throw e;
    } catch (Exception e) {
      throw new ClickHouseException(firstLine(e) + " -- in: " + abbreviate(sql), e);
    }
  }

  public List<Row> rows(String sql) {
    return query(sql).rows();
  }

  /** The first column of the first row, or null when there is no row. */
  public String scalar(String sql) {
    List<Row> rows = rows(sql);
    return rows.isEmpty() ? null : rows.get(0).values().values().iterator().next();
  }

  public long scalarLong(String sql) {
    String value = scalar(sql);
    if (value == null) {
      throw new ClickHouseException("no row from: " + sql, null);
    }
    return Long.parseLong(value);
  }

  private static <T> T await(java.util.concurrent.Future<T> future, String sql) {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClickHouseException("interrupted: " + sql, e);
    } catch (ExecutionException e) {
      throw new ClickHouseException(firstLine(e.getCause()) + " -- in: " + abbreviate(sql), e.getCause());
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new ClickHouseException("timed out after " + TIMEOUT + ": " + abbreviate(sql), e);
    }
  }

  private static String firstLine(Throwable t) {
    String message = String.valueOf(t.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static String abbreviate(String sql) {
    String flat = sql.replaceAll("\\s+", " ").trim();
    return flat.length() <= 300 ? flat : flat.substring(0, 300) + "...";
  }

  @Override
  public void close() {
    client.close();
  }
}

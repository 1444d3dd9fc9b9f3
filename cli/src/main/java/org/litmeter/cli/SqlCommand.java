package org.litmeter.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.litmeter.infra.clickhouse.ClickHouseEndpoint;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import org.litmeter.infra.local.LocalClickHouseServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs a query against the local ClickHouse data the demo left, or against a given server. */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = {"Run a SQL query and print the result as a table.",
        "Without --url it starts a private ClickHouse on the data ./litmeter demo left in .litmeter/clickhouse."})
final class SqlCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "The query, e.g. \"SELECT * FROM litmeter.rates FINAL LIMIT 5\"")
  String query;

  @Option(names = "--url", description = "ClickHouse HTTP URL, e.g. http://127.0.0.1:8123")
  String url;

  @Option(names = "--user", defaultValue = "default", description = "ClickHouse user (password from LITMETER_CLICKHOUSE_PASSWORD)")
  String user;

  @Override
  public Integer call() throws Exception {
    if (url != null) {
      java.net.URI uri = java.net.URI.create(url);
      print(new ClickHouseEndpoint(uri.getHost(), uri.getPort(), user,
          System.getenv().getOrDefault("LITMETER_CLICKHOUSE_PASSWORD", "")));
      return 0;
    }
    Path data = Litmeter.home().resolve("clickhouse");
    if (!Files.isDirectory(data.resolve("data"))) {
      System.err.println("no local ClickHouse data in " + data + ": run ./litmeter demo first, or pass --url");
      return 1;
    }
    try (LocalClickHouseServer server = LocalClickHouseServer.start(data)) {
      print(server.endpoint());
    }
    return 0;
  }

  private void print(ClickHouseEndpoint endpoint) {
    try (ClickHouseSql sql = new ClickHouseSql(endpoint)) {
      ClickHouseSql.Result result = sql.query(query);
      List<List<String>> table = new ArrayList<>();
      table.add(result.columns());
      result.rows().forEach(r -> table.add(r.values().values().stream().map(v -> v == null ? "NULL" : v).toList()));
      System.out.print(Tables.render(table));
      System.out.println("(" + result.rows().size() + " rows)");
    }
  }
}

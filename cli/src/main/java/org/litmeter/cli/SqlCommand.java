package org.litmeter.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Runs a query against the local ClickHouse data the demo left, or against a given server. */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = {"Run a SQL query and print the result as a table.",
        "Without --clickhouse it starts a private ClickHouse on the data ./litmeter demo left in .litmeter/clickhouse."})
final class SqlCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "The query, e.g. \"SELECT * FROM litmeter.rates FINAL LIMIT 5\"")
  String query;

  @Mixin
  ClickHouseTarget target;

  @Override
  public Integer call() throws Exception {
    return target.run(sql -> print(sql.query(query)));
  }

  static void print(ClickHouseSql.Result result) {
    List<List<String>> table = new ArrayList<>();
    table.add(result.columns());
    result.rows().forEach(r -> table.add(r.values().values().stream().map(v -> v == null ? "NULL" : v).toList()));
    System.out.print(Tables.render(table));
    System.out.println("(" + result.rows().size() + " rows)");
  }
}

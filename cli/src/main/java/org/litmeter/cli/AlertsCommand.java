package org.litmeter.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The alerts an operator should look at, newest first, from {@code litmeter.alerts}. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
    description = {"List the detectors' alerts from ClickHouse, newest detection first: firing ones by default.",
        "Without --url it reads the data ./litmeter demo or ./litmeter up left in .litmeter/clickhouse."})
final class AlertsCommand implements Callable<Integer> {

  @Option(names = "--all", description = "Include resolved alerts")
  boolean all;

  @Option(names = "--center", description = "Only this center")
  String center;

  @Option(names = "--kind", description = "Only this detector, e.g. hollow_load")
  String kind;

  @Option(names = "--limit", defaultValue = "50", description = "At most this many (default: ${DEFAULT-VALUE})")
  int limit;

  @Mixin
  ClickHouseTarget target;

  @Override
  public Integer call() throws Exception {
    return target.run(sql -> {
      List<String> where = new ArrayList<>();
      if (!all) {
        where.add("status = 'firing'");
      }
      if (center != null) {
        where.add("center = " + ClickHouseSql.quote(center));
      }
      if (kind != null) {
        where.add("kind = " + ClickHouseSql.quote(kind));
      }
      SqlCommand.print(sql.query(query(where, limit)));
    });
  }

  static String query(List<String> where, int limit) {
    return "SELECT detected_at AS detected, severity, ifNull(toString(round(score, 2)), '') AS score, status, kind,"
        + " center,"
        + " ifNull(device_uuid, ifNull(tenant, '')) AS subject, started_at AS since, resolved_at AS ended, summary,"
        + " alert_id FROM litmeter.alerts FINAL"
        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
        + " ORDER BY detected_at DESC, alert_id LIMIT " + Math.max(1, limit);
  }
}

package org.litmeter.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.LongFunction;
import org.litmeter.cli.report.ReportText;
import org.litmeter.cli.report.StoredAlerts;
import org.litmeter.cli.report.StoredAlerts.StoredAlert;
import org.litmeter.detect.AlertText;
import org.litmeter.detect.AlertText.Language;
import org.litmeter.infra.clickhouse.ClickHouseSql;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The alerts an operator should look at, newest first, from {@code litmeter.alerts}. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
    description = {"List the detectors' alerts from ClickHouse, newest detection first: firing ones by default.",
        "Without --clickhouse it reads the data ./litmeter demo or ./litmeter up left in .litmeter/clickhouse."})
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
  LanguageOption lang;

  @Mixin
  ClickHouseTarget target;

  @Override
  public Integer call() throws Exception {
    Language language = lang.language;
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
      List<StoredAlert> alerts = StoredAlerts.read(sql, where.isEmpty() ? "1" : String.join(" AND ", where), limit);
      System.out.print(Tables.render(table(alerts, language)));
      System.out.println(CliText.in(language).get("count.alerts", alerts.size()));
    });
  }

  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  /** The alerts as a table in {@code language}: times in UTC in English, in China time in Chinese. */
  static List<List<String>> table(List<StoredAlert> alerts, Language language) {
    AlertText text = AlertText.in(language);
    ReportText words = ReportText.in(language);
    boolean chinese = language == Language.ZH_CN;
    LongFunction<String> time = chinese ? t -> AlertText.chinaTime(Instant.ofEpochSecond(t))
        : t -> UTC.format(Instant.ofEpochSecond(t));
    List<List<String>> rows = new ArrayList<>();
    rows.add(CliText.in(language).header("alerts"));
    for (StoredAlert a : alerts) {
      rows.add(List.of(time.apply(a.detectedAt()), words.severity(a.severity()),
          a.score() == null ? "" : String.format(Locale.ROOT, "%.2f", a.score()), words.status(a.status()),
          chinese ? text.kindName(a.kind()) : a.kind(), a.center(), a.subject(), time.apply(a.startedAt()),
          a.resolvedAt() == null ? "" : time.apply(a.resolvedAt()), a.text(text), a.id()));
    }
    return rows;
  }
}

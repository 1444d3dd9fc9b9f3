package org.litmeter.cli.report;

import java.time.Instant;
import org.litmeter.detect.AlertText.Language;
import org.litmeter.infra.clickhouse.ClickHouseSql;

/** The HTML report of {@code ./litmeter report}. */
public final class Report {

  private Report() {}

  /**
   * The report of a region ({@code all}, {@code east}, {@code west}) or, when {@code center} is
   * given, of one center, over the {@code days} days up to the newest data, in {@code language}.
   *
   * @throws IllegalStateException when ClickHouse holds no rates for the selection
   */
  public static String html(ClickHouseSql sql, String region, String center, int days, Instant generatedAt,
      Language language) {
    return HtmlReport.render(ReportData.load(sql, new ReportData.Selection(region, center), days), generatedAt,
        ReportText.in(language));
  }
}

package org.litmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.litmeter.testkit.ClickHouseServerExtension;
import org.litmeter.testkit.HeadlessChromium;

/**
 * {@code ./litmeter report} on a real ClickHouse holding ten days of two centers whose rates are
 * known by construction: the summary's numbers, the charts, the escaping, and the page in a real
 * headless Chromium (no console message, a screenshot).
 */
class ReportCommandIT {

  @RegisterExtension static final ClickHouseServerExtension CLICKHOUSE = new ClickHouseServerExtension();

  private static final long DAY = 86_400;
  /** Midnight China Standard Time of 2026-05-15, the first reported day. */
  private static final long FIRST_DAY = Instant.parse("2026-05-14T16:00:00Z").getEpochSecond();

  @TempDir
  Path dir;

  @BeforeAll
  static void tenDaysOfTwoCenters() {
    CLICKHOUSE.sql().execute("INSERT INTO litmeter.centers (center_id, name, province, region, planned_accelerators,"
        + " acceptance_start, acceptance_end, updated_at) VALUES"
        + " ('east-1', 'Wuhu <b>AI</b>', 'Anhui', 'east', 10, '2026-05-01', '2026-05-20', '2026-01-01 00:00:00'),"
        + " ('west-1', 'Qingyang', 'Gansu', 'west', 20, NULL, NULL, '2026-01-01 00:00:00')");
    List<String> rows = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      // east-1: 8 of 10 racked, 6 lit until its acceptance ends on day 5 (2026-05-20), then 1; 5 occupied
      // west-1: 10 of 20 racked, 6 lit, 10 occupied
      int eastLit = d <= 5 ? 6 : 1;
      rows.add(day("center", "east-1", d, 10, 8, eastLit, 5));
      rows.add(day("center", "west-1", d, 20, 10, 6, 10));
      rows.add(day("region", "east", d, 10, 8, eastLit, 5));
      rows.add(day("region", "west", d, 20, 10, 6, 10));
      rows.add(day("nation", "national", d, 30, 18, eastLit + 6, 15));
    }
    CLICKHOUSE.sql().execute("INSERT INTO litmeter.rates (scope, scope_id, resolution, window_start, window_end,"
        + " base_windows, planned, racked_device_windows, lit_device_windows, occupied_device_windows, racked_rate,"
        + " lit_rate, occupied_rate) VALUES " + String.join(", ", rows));
    long last = FIRST_DAY + 10 * DAY;
    for (String[] scope : new String[][] {{"center", "east-1"}, {"center", "west-1"}, {"region", "east"},
        {"region", "west"}, {"nation", "national"}}) {
      for (long end : new long[] {FIRST_DAY + 300, last}) {
        CLICKHOUSE.sql().execute(String.format(Locale.ROOT, "INSERT INTO litmeter.rates (scope, scope_id, resolution,"
            + " window_start, window_end, base_windows) VALUES ('%s', '%s', '5m', toDateTime(%d), toDateTime(%d), 1)",
            scope[0], scope[1], end - 300, end));
      }
    }
    // the first seven national days were restated after their revision period: final
    String columns = "scope, scope_id, resolution, window_start, window_end, base_windows, planned,"
        + " racked_device_windows, lit_device_windows, occupied_device_windows, racked_rate, lit_rate, occupied_rate";
    CLICKHOUSE.sql().execute("INSERT INTO litmeter.rates (" + columns + ", revision, status) SELECT " + columns
        + ", 1, 'final' FROM litmeter.rates WHERE scope = 'nation' AND resolution = '1d' AND window_start < toDateTime("
        + (FIRST_DAY + 7 * DAY) + ")");
    CLICKHOUSE.sql().execute("INSERT INTO litmeter.alerts (alert_id, kind, severity, status, center, started_at,"
        + " detected_at, updated_at, summary, evidence_keys, evidence_values) VALUES ('cliff-east-1',"
        + " 'acceptance_cliff', 'critical', 'firing', 'east-1', '2026-05-21 00:00:00', '2026-05-24 00:00:00',"
        + " '2026-05-24 00:00:00', 'lit level fell from 75% to 12%', [], [])");
  }

  private static String day(String scope, String id, int d, int planned, int racked, int lit, int occupied) {
    long start = FIRST_DAY + d * DAY;
    return String.format(Locale.ROOT, "('%s', '%s', '1d', toDateTime(%d), toDateTime(%d), 288, %d, %d, %d, %d,"
        + " %f, %f, %f)", scope, id, start, start + DAY, planned, racked * 288L, lit * 288L, occupied * 288L,
        (double) racked / planned, (double) lit / racked, (double) occupied / racked);
  }

  private String report(String... args) throws Exception {
    Path out = dir.resolve("report-" + String.join("-", args) + ".html");
    List<String> all = new ArrayList<>(List.of("report", "--url", CLICKHOUSE.endpoint().url(), "--days", "10",
        "--out", out.toString()));
    all.addAll(List.of(args));
    assertThat(CliRun.of(all.toArray(String[]::new)).exit()).isZero();
    return Files.readString(out);
  }

  @Test
  void theNationalReportSaysWhatTheRowsSayAndChartsEveryCenter() throws Exception {
    String html = report();
    assertThat(html).contains("From 2026-05-15 to 2026-05-25, 2 of the 2 registered centers of all of China sent"
        + " telemetry. 60.0% of the planned accelerators were racked", "of those, 55.6% did real compute work (lit)"
        + " and 83.3% were leased", "1 of 2 reporting centers were below 65% racked.",
        "Figures from 2026-05-22 on are preliminary", "The lowest lit rate: east-1, 50.0%.", "In or less than 90 days after their acceptance period, when a sham"
        + " load is typically withdrawn: east-1.", "1 alert is firing: 1 acceptance cliff.",
        "lit level fell from 75% to 12%");
    assertThat(html.split("<svg", -1)).as("a chart for the nation and one per center").hasSize(4);
    assertThat(html).contains("Wuhu &lt;b&gt;AI&lt;/b&gt;").doesNotContain("<b>AI</b>");
    assertThat(html).as("self-contained: nothing to fetch").doesNotContainPattern("(src|href)\\s*=|url\\(|@import");
  }

  @Test
  void aRegionReportKeepsToItsRegionAndACenterReportShadesTheAcceptancePeriod() throws Exception {
    String west = report("--region", "west");
    assertThat(west).contains("1 of the 1 registered centers of west China", "50.0% of the planned accelerators",
        "No alert is firing.", "Figures from 2026-05-15 on are preliminary").doesNotContain("east-1");
    String center = report("--center", "east-1");
    assertThat(center).contains("80.0% of the planned accelerators", "class=\"span\"", "acceptance");
  }

  @Test
  void thePageLoadsInChromiumWithoutAConsoleMessageAndRendersAScreenshot() throws Exception {
    HeadlessChromium chromium = HeadlessChromium.require();
    Path page = dir.resolve("report.html");
    Files.writeString(page, report());
    HeadlessChromium.PageLoad load = chromium.load(page, dir.resolve("report.png"), 900, 1400);
    assertThat(load.exitCode()).isZero();
    assertThat(load.consoleMessages()).isEmpty();
    byte[] png = Files.readAllBytes(load.screenshot());
    assertThat(png).hasSizeGreaterThan(10_000).startsWith(0x89, 'P', 'N', 'G');

    Path broken = dir.resolve("broken.html");
    Files.writeString(broken, "<!DOCTYPE html><html><body><script>notDefined();</script></body></html>");
    assertThat(chromium.load(broken, dir.resolve("broken.png"), 400, 300).consoleMessages())
        .as("the console check sees a script error").anySatisfy(m -> assertThat(m).contains("notDefined"));
  }
}

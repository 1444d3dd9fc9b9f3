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
        + " ('east-1', '芜湖<b>智算</b>', 'Anhui', 'east', 10, '2026-05-01', '2026-05-20', '2026-01-01 00:00:00'),"
        + " ('west-1', '庆阳智算中心', 'Gansu', 'west', 20, NULL, NULL, '2026-01-01 00:00:00')");
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
    // nationwide 8 Ascend 910B (2 lit, 4 occupied) and 10 H100 (5 lit, 8 occupied) every day; in east-1 a
    // tenant holds 5 cards and lights 1, another holds 2 and lights 2
    List<String> models = new ArrayList<>();
    List<String> tenants = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      long start = FIRST_DAY + d * DAY;
      // the Ascends fail three times a day (two error episodes, a dropout of six windows), the H100s never
      models.add(String.format(Locale.ROOT, "('nation', 'national', '1d', toDateTime(%d), toDateTime(%d), 288,"
          + " 'huawei', 'Ascend910B', 'domestic', %d, %d, %d, 12, 2, 1, 6)", start, start + DAY, 8 * 288, 2 * 288,
          4 * 288));
      models.add(String.format(Locale.ROOT, "('nation', 'national', '1d', toDateTime(%d), toDateTime(%d), 288,"
          + " 'nvidia', 'NVIDIA H100', 'imported', %d, %d, %d, 0, 0, 0, 0)", start, start + DAY, 10 * 288, 5 * 288,
          8 * 288));
      tenants.add(String.format(Locale.ROOT, "('center', 'east-1', '1d', toDateTime(%d), toDateTime(%d), 288,"
          + " 'tenant-idle', %d, %d)", start, start + DAY, 5 * 288, 288));
      tenants.add(String.format(Locale.ROOT, "('center', 'east-1', '1d', toDateTime(%d), toDateTime(%d), 288,"
          + " 'tenant-busy', %d, %d)", start, start + DAY, 2 * 288, 2 * 288));
    }
    CLICKHOUSE.sql().execute("INSERT INTO litmeter.model_rates (scope, scope_id, resolution, window_start, window_end,"
        + " base_windows, vendor, model, vendor_family, racked_device_windows, lit_device_windows,"
        + " occupied_device_windows, erroring_device_windows, error_episodes, dropouts, silent_device_windows) VALUES "
        + String.join(", ", models));
    CLICKHOUSE.sql().execute("INSERT INTO litmeter.tenant_usage (scope, scope_id, resolution, window_start,"
        + " window_end, base_windows, tenant, leased_device_windows, lit_device_windows) VALUES "
        + String.join(", ", tenants));
    // as the job writes it: the text is rendered from the evidence in the reader's language
    CLICKHOUSE.sql().execute("INSERT INTO litmeter.alerts (alert_id, kind, severity, status, center, started_at,"
        + " detected_at, updated_at, summary, evidence_keys, evidence_values) VALUES ('cliff-east-1',"
        + " 'acceptance_cliff', 'critical', 'firing', 'east-1', '2026-05-21 00:00:00', '2026-05-24 00:00:00',"
        + " '2026-05-24 00:00:00', 'lit devices fell', ['signal', 'before_drop', 'after_drop', 'relative_drop',"
        + " 'drop_day', 'days_after_acceptance', 'during_acceptance', 'stay_days'], ['lit', '6.000', '1.000',"
        + " '0.833', '2026-05-21', '1', '6.000', '21'])");
  }

  private static String day(String scope, String id, int d, int planned, int racked, int lit, int occupied) {
    long start = FIRST_DAY + d * DAY;
    return String.format(Locale.ROOT, "('%s', '%s', '1d', toDateTime(%d), toDateTime(%d), 288, %d, %d, %d, %d,"
        + " %f, %f, %f)", scope, id, start, start + DAY, planned, racked * 288L, lit * 288L, occupied * 288L,
        (double) racked / planned, (double) lit / racked, (double) occupied / racked);
  }

  private String report(String... args) throws Exception {
    Path out = dir.resolve("report-" + String.join("-", args) + ".html");
    List<String> all = new ArrayList<>(List.of("report", "--clickhouse", CLICKHOUSE.endpoint().url(), "--period", "10d",
        "--out", out.toString()));
    all.addAll(List.of(args));
    assertThat(CliRun.of(all.toArray(String[]::new)).exit()).isZero();
    return Files.readString(out);
  }

  @Test
  void theNationalReportSaysWhatTheRowsSayAndChartsEveryCenter() throws Exception {
    String html = report("--lang", "en");
    assertThat(html).contains("From 2026-05-15 to 2026-05-25, 2 of the 2 registered centers of all of China sent"
        + " telemetry. 60.0% of the planned accelerators were racked", "of those, 55.6% did real compute work (lit)"
        + " and 83.3% were leased", "1 of 2 reporting centers were below 65% racked.",
        "Figures from 2026-05-22 on are preliminary", "The lowest lit rate: east-1, 50.0%.", "In or less than 90 days after their acceptance period, when a sham"
        + " load is typically withdrawn: east-1.", "1 alert is firing: 1 acceptance cliff.",
        "lit devices fell from 6.0 to 1.0 (83% drop on 2026-05-21, 1 days after the acceptance period ended; 6.0"
            + " during the period) and stayed down for 21 days", "<td>2026-05-24 08:00</td>", "<html lang=\"en\">");
    assertThat(html.split("<svg", -1)).as("a chart for the nation and one per center").hasSize(4);
    assertThat(html).contains("芜湖&lt;b&gt;智算&lt;/b&gt;").doesNotContain("<b>智算</b>");
    assertThat(html).as("self-contained: nothing to fetch").doesNotContainPattern("(src|href)\\s*=|url\\(|@import");
  }

  @Test
  void aRegionReportKeepsToItsRegionAndACenterReportShadesTheAcceptancePeriod() throws Exception {
    String west = report("--region", "west", "--lang", "en");
    assertThat(west).contains("1 of the 1 registered centers of west China", "50.0% of the planned accelerators",
        "No alert is firing.", "Figures from 2026-05-15 on are preliminary").doesNotContain("east-1");
    String center = report("--center", "east-1", "--lang", "en");
    assertThat(center).contains("80.0% of the planned accelerators", "class=\"span\"", "acceptance");
  }

  @Test
  void theChineseReportReadsAsAChineseDocumentWithNoEnglishBesidesIdentifiers() throws Exception {
    String html = report();
    assertThat(html).as("Chinese is the default").contains("<html lang=\"zh-CN\">", "litmeter 报告：全国",
        "统计期：2026年5月15日至2026年5月25日（北京时间），按日统计。",
        "2026年5月15日至2026年5月25日，全国已登记的2个中心中有2个报送了遥测数据。",
        "上架率为60.0%（已安装、加电并上报的加速卡占规划数的比例）；在已上架的加速卡中，点亮率为55.6%（在做实际计算），占用率为83.3%（已租给租户）。",
        "报送数据的2个中心中，有1个上架率低于65%。", "点亮率最低的中心：east-1，50.0%。",
        "处于验收期内或验收期结束不足90天（虚假负载通常在此时撤出）的中心：east-1。",
        "当前有1条告警：验收期后负载骤降1条。", "2026年5月22日起的数据为初值",
        "<td>安徽</td><td>东部</td>", "<td>甘肃</td><td>西部</td>", "2026年5月1日至2026年5月20日",
        "<td>2026年5月24日 08:00</td><td>严重</td><td>验收期后负载骤降</td>",
        "验收期结束1天后（2026年5月21日），点亮设备由6.0台降至1.0台，降幅83%（验收期内为6.0台），此后21天未见回升",
        "国产芯片平均上架8.0张，点亮率25.0%，占用率50.0%。国产芯片平均每64.0上架卡时故障（报错或掉线）一次，报错和掉线损失的时间占0.8%。"
            + "进口芯片平均上架10.0张，点亮率50.0%，占用率80.0%。进口芯片未出现报错或掉线。",
        "<td>国产</td><td>华为昇腾</td><td>Ascend910B</td>", "<td>进口</td><td>英伟达</td><td>NVIDIA H100</td>");
    assertThat(readableText(html)
        .replaceAll("litmeter|east-1|west-1|tenant-idle|tenant-busy|Ascend910B|NVIDIA H100", ""))
        .as("what a reader sees holds no English: only the product's name, the centers', tenants' and models' ids")
        .doesNotContainPattern("[A-Za-z]");
    assertThat(report("--center", "east-1")).contains("litmeter 报告：芜湖&lt;b&gt;智算&lt;/b&gt;（east-1）");
  }

  /** A screenshot of one line of Chinese in the report's font stack. */
  private byte[] chineseLine(HeadlessChromium chromium, String text, String name) throws Exception {
    Path page = dir.resolve("line-" + name + ".html");
    String style = report().replaceAll("(?s).*(<style>.*?</style>).*", "$1");
    Files.writeString(page, "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">" + style
        + "</head><body><p style=\"font-size:40px\">" + text + "</p></body></html>");
    return Files.readAllBytes(chromium.load(page, dir.resolve("line-" + name + ".png"), 600, 120).screenshot());
  }

  /** The text a reader sees: no script, no markup, no attribute. */
  private static String readableText(String html) {
    return html.replaceAll("(?s)<script>.*?</script>", "").replaceAll("(?s)<style>.*?</style>", "")
        .replaceAll("(?s)<[^>]*>", " ")
        // the markup in a center's name is this test's own data, the rest are entities
        .replace("&lt;b&gt;", "").replace("&lt;/b&gt;", "").replaceAll("&[#a-z0-9]+;", " ");
  }

  @Test
  void thePageLoadsInChromiumWithoutAConsoleMessageAndItsChineseIsDrawnInAChineseFont() throws Exception {
    HeadlessChromium chromium = HeadlessChromium.requireWithChineseFonts();
    Path page = dir.resolve("report.html");
    Files.writeString(page, report());
    HeadlessChromium.PageLoad load = chromium.load(page, dir.resolve("report.png"), 900, 1400);
    assertThat(load.exitCode()).isZero();
    assertThat(load.consoleMessages()).isEmpty();
    byte[] png = Files.readAllBytes(load.screenshot());
    assertThat(png).hasSizeGreaterThan(10_000).startsWith(0x89, 'P', 'N', 'G');

    // without a font for them, every Chinese character is the same empty box: two different strings of
    // the same length would be drawn alike; in the report's own font stack they are not
    byte[] once = chineseLine(chromium, "上架率点亮率占用率", "a");
    assertThat(chineseLine(chromium, "上架率点亮率占用率", "b")).as("rendering is deterministic").isEqualTo(once);
    assertThat(chineseLine(chromium, "验收期东部西部省份", "c")).as("distinct glyphs, not boxes").isNotEqualTo(once);

    Path broken = dir.resolve("broken.html");
    Files.writeString(broken, "<!DOCTYPE html><html><body><script>notDefined();</script></body></html>");
    assertThat(chromium.load(broken, dir.resolve("broken.png"), 400, 300).consoleMessages())
        .as("the console check sees a script error").anySatisfy(m -> assertThat(m).contains("notDefined"));
  }
}

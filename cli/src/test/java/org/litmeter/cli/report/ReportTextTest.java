package org.litmeter.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.litmeter.testkit.MessageCatalogues;
import org.litmeter.detect.AlertText.Language;

/** The report's catalogues and how each language writes dates, counts and places. */
class ReportTextTest {

  private final ReportText zh = ReportText.in(Language.ZH_CN);
  private final ReportText en = ReportText.in(Language.EN);

  private static Properties catalogue(String suffix) {
    return MessageCatalogues.read(ReportText.class, "ReportText" + suffix + ".properties");
  }

  @Test
  void bothLanguagesHaveEveryKeyAndTheChineseOneNoEnglish() {
    Properties english = catalogue("");
    Properties chinese = catalogue("_zh_CN");
    assertThat(chinese.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
    for (String key : chinese.stringPropertyNames()) {
      String text = chinese.getProperty(key).replaceAll("\\{[^}]*}", "").replace("litmeter", "");
      assertThat(text).as(key).doesNotContainPattern("[A-Za-z]");
    }
  }

  @Test
  void htmlEscapesThePatternAndItsArgumentsButNotMarkup() {
    assertThat(en.html("period", "<b>a</b>", "b & c", "hourly", new Html.Markup("<span id=\"g\">now</span>")))
        .isEqualTo("&lt;b&gt;a&lt;/b&gt; to b &amp; c (China Standard Time), hourly windows."
            + " Generated <span id=\"g\">now</span>.");
    assertThat(zh.html("period", "6月1日", "6月30日", "按小时", new Html.Markup("<i>x</i>")))
        .isEqualTo(zh.get("period", "6月1日", "6月30日", "按小时", "<i>x</i>"));
  }

  @Test
  void datesAndCountsAsEachLanguageWritesThem() {
    assertThat(zh.day(LocalDate.of(2026, 6, 1))).isEqualTo("2026年6月1日");
    assertThat(en.day(LocalDate.of(2026, 6, 1))).isEqualTo("2026-06-01");
    assertThat(zh.time(1_780_272_000L)).as("China time").isEqualTo("2026年6月1日 08:00");
    assertThat(zh.count(9_999)).isEqualTo("9,999");
    assertThat(zh.count(10_000)).isEqualTo("1万");
    assertThat(zh.count(125_000)).isEqualTo("12.5万");
    assertThat(zh.count(320_000_000)).isEqualTo("3.2亿");
    assertThat(en.count(125_000)).isEqualTo("125,000");
    assertThat(zh.pct(null)).isEqualTo("无数据");
    assertThat(en.pct(0.5555)).isEqualTo("55.6%");
  }

  @Test
  void placesInChineseAndUnknownSpellingsAsTheyAre() {
    assertThat(zh.province("Inner Mongolia")).isEqualTo("内蒙古");
    assertThat(zh.province("Guangdong")).isEqualTo("广东");
    assertThat(zh.province("贵州")).as("already Chinese in the registry").isEqualTo("贵州");
    assertThat(en.province("Inner Mongolia")).isEqualTo("Inner Mongolia");
    assertThat(zh.region("west")).isEqualTo("西部");
    assertThat(zh.get("summary.alerts", 3, "验收期后负载骤降3条")).isEqualTo("当前有3条告警：验收期后负载骤降3条。");
    assertThat(en.get("summary.alerts", 1, "1 hollow load")).isEqualTo("1 alert is firing: 1 hollow load.");
    assertThat(en.get("summary.alerts", 2, "2 hollow load")).isEqualTo("2 alerts are firing: 2 hollow load.");
  }
}

package org.litmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.litmeter.detect.AlertText.Language;
import org.litmeter.testkit.MessageCatalogues;

/** The command line's table words: the same keys and columns in both languages, no English in Chinese. */
class CliTextTest {

  @Test
  void bothLanguagesHaveEveryKeyAndEveryColumnAndTheChineseOneNoEnglish() {
    Properties english = MessageCatalogues.read(CliText.class, "CliText.properties");
    Properties chinese = MessageCatalogues.read(CliText.class, "CliText_zh_CN.properties");
    assertThat(chinese.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
    for (String key : chinese.stringPropertyNames()) {
      assertThat(chinese.getProperty(key).split("\\|")).as(key).hasSameSizeAs(english.getProperty(key).split("\\|"));
      assertThat(chinese.getProperty(key).replaceAll("\\{[^}]*}", "")).as(key).doesNotContainPattern("[A-Za-z]");
    }
    assertThat(CliText.in(Language.ZH_CN).header("notifications")).containsExactly("接收方", "状态", "告警", "中心", "摘要");
    assertThat(CliText.in(Language.EN).get("count.alerts", 2)).isEqualTo("(2 rows)");
  }
}

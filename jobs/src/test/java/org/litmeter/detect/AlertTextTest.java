package org.litmeter.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.MissingResourceException;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.litmeter.testkit.MessageCatalogues;
import org.litmeter.detect.AlertText.Language;
import org.litmeter.schema.AlertStatus;

/** The alert catalogues: the same keys in both languages, no English in the Chinese one, strict rendering. */
class AlertTextTest {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)(?:,([a-z0-9]+))?}");

  private static Properties catalogue(String suffix) {
    return MessageCatalogues.read(AlertText.class, "AlertText" + suffix + ".properties");
  }

  @Test
  void bothLanguagesHaveEveryKeyAndTheSamePlaceholders() {
    Properties en = catalogue("");
    Properties zh = catalogue("_zh_CN");
    assertThat(zh.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
    for (String key : en.stringPropertyNames()) {
      assertThat(placeholders(zh.getProperty(key))).as(key).isEqualTo(placeholders(en.getProperty(key)));
    }
  }

  @Test
  void everyDetectorHasANameAndAFiringText() {
    Properties en = catalogue("");
    for (String kind : new String[] {AcceptanceDetectors.CLIFF, AcceptanceDetectors.ALIGNED, WindowDetectors.HOLLOW,
        WindowDetectors.SYNTHETIC, WindowDetectors.LIT_UNOCCUPIED, VanishedDeviceDetector.VANISHED,
        VanishedDeviceDetector.MASS, DeviceIdentityDetector.KIND, DeviceIdentityDetector.SERIAL_CHANGED,
        DeviceIdentityDetector.MODIFIED_MEMORY}) {
      assertThat(en.stringPropertyNames()).as(kind).contains("kind." + kind)
          .anyMatch(k -> k.startsWith(kind + ".firing"));
    }
  }

  @Test
  void theChineseCatalogueHasNoEnglishBesidesUnits() {
    Properties zh = catalogue("_zh_CN");
    for (String key : zh.stringPropertyNames()) {
      String text = PLACEHOLDER.matcher(zh.getProperty(key)).replaceAll("").replace("MiB", "");
      assertThat(text).as(key).doesNotContainPattern("[A-Za-z]");
    }
  }

  @Test
  void aMissingValueReadsAsMissingAndAnUnknownKindIsAnError() {
    AlertText zh = AlertText.in(Language.ZH_CN);
    assertThat(zh.summary(WindowDetectors.LIT_UNOCCUPIED, AlertStatus.FIRING, "gz01", null, null,
        Map.of("lit_devices", "12"))).isEqualTo("12台工作中的设备里有无数据台在一小时内既无租约也无租户");
    assertThat(zh.summary(WindowDetectors.HOLLOW, AlertStatus.RESOLVED, "gz01", null, null,
        Map.of("hollow_devices", "3", "mean_gpu_util", "n/a"))).as("an old resolution without its reason: ended")
        .isEqualTo("已解除：利用率无数据%却未做实际计算的设备（空转内核特征）：3台");
    assertThatThrownBy(() -> zh.summary("new_detector", AlertStatus.FIRING, "gz01", null, null, Map.of()))
        .isInstanceOf(MissingResourceException.class).hasMessageContaining("new_detector");
    assertThat(zh.kindName("new_detector")).isEqualTo("new_detector");
    assertThat(zh.kindName(AcceptanceDetectors.CLIFF)).isEqualTo("验收期后负载骤降");
  }

  @Test
  void languagesByTheirTags() {
    assertThat(Language.of("zh-CN")).isEqualTo(Language.ZH_CN);
    assertThat(Language.of("zh_cn")).isEqualTo(Language.ZH_CN);
    assertThat(Language.of("en")).isEqualTo(Language.EN);
    assertThatThrownBy(() -> Language.of("fr")).hasMessageContaining("en or zh-CN");
  }

  private static Set<String> placeholders(String template) {
    Set<String> names = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }
}

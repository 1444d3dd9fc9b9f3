package org.litmeter.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litmeter.testkit.SharedData;

/**
 * The Chinese dashboards are exactly what {@link DashboardTranslation} makes of the English ones
 * (regenerate with {@code mvn -pl dashboards test -Dtest=ChineseDashboardsTest -Dlitmeter.regenerate=true}),
 * and a reader finds no English in them but names of products, metrics and codes.
 */
class ChineseDashboardsTest {

  private static final DashboardTranslation.Layout LAYOUT =
      DashboardTranslation.Layout.of(SharedData.projectRoot().resolve("dashboards"));
  /** What stays as it is in Chinese: product and metric names, codes, units. */
  private static final String KEPT = "infra/prometheus/litmeter-rules\\.yml|litmeter\\.dead_letters"
      + "|litmeter:samples:rate5m|litmeter|ClickHouse|Prometheus|Alertmanager|Kafka|GPU|SM|XID|p99|LATE|UNPARSABLE"
      + "|UNKNOWN_CENTER|UNDELIVERED|alert-delivery|1d|°C";

  @Test
  void theCheckedInChineseDashboardsAreTheGeneratedOnes() throws Exception {
    Map<String, String> generated = DashboardTranslation.translateAll(LAYOUT);
    if (Boolean.getBoolean("litmeter.regenerate")) {
      DashboardTranslation.main(new String[] {LAYOUT.english().getParent().getParent().toString()});
    }
    try (var files = Files.list(LAYOUT.chinese())) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
          .isEqualTo(new ArrayList<>(generated.keySet()));
    }
    for (Map.Entry<String, String> e : generated.entrySet()) {
      assertThat(Files.readString(LAYOUT.chinese().resolve(e.getKey()))).as(e.getKey()
          + " changed in English and not regenerated: mvn -pl dashboards test -Dtest=ChineseDashboardsTest"
          + " -Dlitmeter.regenerate=true").isEqualTo(e.getValue());
    }
  }

  @Test
  void whatAReaderSeesIsChinese() throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<String> english = new ArrayList<>();
    for (Path file : Files.list(LAYOUT.chinese()).sorted().toList()) {
      JsonNode d = json.readTree(file.toFile());
      assertThat(d.path("uid").asText()).endsWith("-zh");
      d.findValues("title").forEach(v -> check(file, v, english));
      d.findValues("description").forEach(v -> check(file, v, english));
      d.findValues("label").forEach(v -> check(file, v, english));
      for (JsonNode panel : d.path("panels")) {
        panel.path("fieldConfig").path("overrides").forEach(o -> o.path("properties").forEach(p -> {
          check(file, p.path("value"), english);
          p.path("value").findValues("text").forEach(mapped -> check(file, mapped, english));
        }));
        panel.path("targets").forEach(t -> assertThat(t.path("rawSql").asText().replace("summary_zh AS summary", ""))
            .as("the alert text in Chinese").doesNotContain("summary"));
      }
    }
    assertThat(english).as("English left in the Chinese dashboards").isEmpty();
  }

  private static void check(Path file, JsonNode value, List<String> english) {
    if (value.isTextual() && value.asText().replaceAll(KEPT, "").matches("(?s).*[A-Za-z].*")) {
      english.add(file.getFileName() + ": " + value.asText());
    }
  }

  @Test
  void aTextWithoutATranslationIsAnError(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("grafana/dashboards"));
    Files.createDirectories(dir.resolve("translations"));
    Files.writeString(dir.resolve("grafana/dashboards/x.json"), "{\"uid\":\"x\",\"title\":\"A new panel\",\"panels\":[]}");
    Files.writeString(dir.resolve("translations/zh-CN.json"), "{\"texts\":{},\"fields\":{},\"columns\":{}}");
    assertThatThrownBy(() -> DashboardTranslation.translateAll(DashboardTranslation.Layout.of(dir)))
        .hasMessageContaining("A new panel");
  }
}

package org.litmeter.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.litmeter.dashboards.GrafanaProvisioning.DATASOURCE_UID;
import static org.litmeter.dashboards.GrafanaProvisioning.PROMETHEUS_UID;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The provisioning files are what Grafana accepts and hang together, checked without a Grafana. */
class ProvisioningStructureTest {

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\$(?!__)(\\w+)");
  private static final Pattern ENV = Pattern.compile("\\$\\{[A-Z][A-Z0-9_]*}");

  private final GrafanaProvisioning grafana = GrafanaProvisioning.load();

  @Test
  void thereAreTheSixDashboardsInEachLanguageWithUniqueUidsAndTitles() {
    List<String> uids = grafana.dashboards.values().stream().map(d -> d.path("uid").asText()).toList();
    assertThat(uids).containsExactlyInAnyOrder("litmeter-regulator", "litmeter-center", "litmeter-alerts",
        "litmeter-fleet", "litmeter-pipeline", "litmeter-chips", "litmeter-regulator-zh", "litmeter-center-zh", "litmeter-alerts-zh",
        "litmeter-fleet-zh", "litmeter-pipeline-zh", "litmeter-chips-zh");
    assertThat(grafana.dashboards.values().stream().map(d -> d.path("title").asText()).distinct()).hasSize(12);
  }

  @Test
  void everyPanelIsBoundToAProvisionedDatasourceAndHasAQueryOfTheRightFormat() {
    grafana.dashboards.forEach((file, d) -> {
      Set<Integer> ids = new HashSet<>();
      for (JsonNode panel : d.path("panels")) {
        String where = file + " / " + panel.path("title").asText();
        assertThat(ids.add(panel.path("id").asInt())).as(where + ": unique panel id").isTrue();
        JsonNode grid = panel.path("gridPos");
        assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(where + ": fits 24 columns").isLessThanOrEqualTo(24);
        assertThat(panel.path("targets")).as(where + ": one query").hasSize(1);
        JsonNode target = panel.path("targets").get(0);
        if (panel.path("datasource").path("uid").asText().equals(PROMETHEUS_UID)) {
          assertThat(file.toString()).as(where + ": only the pipeline's health comes from Prometheus")
              .endsWith("pipeline-health.json");
          assertThat(target.path("datasource").path("uid").asText()).as(where).isEqualTo(PROMETHEUS_UID);
          assertThat(target.path("expr").asText()).as(where).isNotBlank();
          continue;
        }
        assertThat(panel.path("datasource").path("uid").asText()).as(where).isEqualTo(DATASOURCE_UID);
        assertThat(target.path("datasource").path("uid").asText()).as(where).isEqualTo(DATASOURCE_UID);
        assertThat(target.path("editorType").asText()).as(where).isEqualTo("sql");
        assertThat(target.path("rawSql").asText()).as(where).isNotBlank();
        int expectedFormat = panel.path("type").asText().equals("timeseries") ? 0 : 1;
        assertThat(target.path("format").asInt()).as(where + ": time series panels use format 0, others 1")
            .isEqualTo(expectedFormat);
      }
    });
  }

  @Test
  void everyTemplateVariableAQueryUsesIsDefinedAndCustomDefaultsAreOptions() {
    grafana.dashboards.forEach((file, d) -> {
      Set<String> defined = new HashSet<>();
      for (JsonNode v : d.path("templating").path("list")) {
        defined.add(v.path("name").asText());
        if (v.path("type").asText().equals("custom")) {
          List<String> options = List.of(v.path("query").asText().split(","));
          assertThat(options).as(file + ": default of $" + v.path("name").asText())
              .contains(v.path("current").path("value").asText());
        } else {
          assertThat(v.path("type").asText()).isEqualTo("query");
          assertThat(v.path("datasource").path("uid").asText()).isEqualTo(DATASOURCE_UID);
        }
      }
      List<String> sql = new ArrayList<>();
      d.path("panels").forEach(p -> p.path("targets").forEach(t -> sql.add(t.path("rawSql").asText())));
      d.path("annotations").path("list").forEach(a -> sql.add(a.path("target").path("rawSql").asText()));
      for (String q : sql) {
        Matcher m = VARIABLE.matcher(q);
        while (m.find()) {
          String name = m.group(1) != null ? m.group(1) : m.group(2);
          assertThat(defined).as(file + ": variable $" + name).contains(name);
        }
      }
    });
  }

  @Test
  void everyQueryUsesOnlyMacrosThatWorkOnClickHouse1816() {
    Map<String, String> anyValue = new HashMap<>();
    for (String name : List.of("center", "resolution", "region")) {
      anyValue.put(name, "x");
    }
    GrafanaMacros macros = new GrafanaMacros(Instant.EPOCH, Instant.EPOCH.plusSeconds(60), anyValue);
    for (GrafanaProvisioning.Query q : grafana.queries()) {
      assertThat(macros.expand(q.rawSql())).as(q.where()).doesNotContain("$").contains("litmeter.");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theDatasourceIsTheReadOnlyUserWithItsPasswordFromTheEnvironment() {
    List<Map<String, Object>> files = grafana.provisioning("datasources");
    assertThat(files).hasSize(1);
    List<Map<String, Object>> sources = (List<Map<String, Object>>) files.get(0).get("datasources");
    assertThat(sources).extracting(s -> s.get("uid")).containsExactly(DATASOURCE_UID, PROMETHEUS_UID);
    assertThat(sources.get(1)).containsEntry("type", "prometheus").containsEntry("url", "${LITMETER_PROMETHEUS_URL}");
    Map<String, Object> ds = sources.get(0);
    assertThat(ds).containsEntry("uid", DATASOURCE_UID).containsEntry("type", "grafana-clickhouse-datasource");
    Map<String, Object> jsonData = (Map<String, Object>) ds.get("jsonData");
    assertThat(jsonData).containsEntry("username", "litmeter_reader").containsEntry("defaultDatabase", "litmeter")
        .as("TLS on, checked against the server's authority").containsEntry("secure", true)
        .containsEntry("tlsAuthWithCACert", true);
    assertThat((String) ((Map<String, Object>) ds.get("secureJsonData")).get("tlsCACert")).startsWith("$__file{");
    assertThat((String) ((Map<String, Object>) ds.get("secureJsonData")).get("password")).matches(ENV);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theDashboardsProviderLoadsFilesIntoTheLitmeterFolder() {
    List<Map<String, Object>> files = grafana.provisioning("dashboards");
    assertThat(files).hasSize(1);
    List<Map<String, Object>> providers = (List<Map<String, Object>>) files.get(0).get("providers");
    assertThat(providers).extracting(p -> p.get("folder")).as("a folder per language")
        .containsExactly("litmeter", "litmeter 中文");
    for (Map<String, Object> provider : providers) {
      assertThat(provider).containsEntry("type", "file");
      assertThat(((Map<String, Object>) provider.get("options")).get("path")).isNotNull();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void alertRulesAreCompleteAndPointAtWhatExists() {
    Set<String> dashboardUids = new HashSet<>();
    grafana.dashboards.values().forEach(d -> dashboardUids.add(d.path("uid").asText()));
    Set<String> ruleUids = new HashSet<>();
    List<Map<String, Object>> rules = grafana.alertRules();
    assertThat(rules).hasSizeGreaterThanOrEqualTo(4);
    for (Map<String, Object> rule : rules) {
      String uid = (String) rule.get("uid");
      assertThat(ruleUids.add(uid)).as("unique rule uid " + uid).isTrue();
      assertThat(rule).containsKeys("title", "condition", "for", "noDataState", "execErrState");
      Map<String, Map<String, Object>> byRef = new HashMap<>();
      for (Map<String, Object> data : (List<Map<String, Object>>) rule.get("data")) {
        byRef.put((String) data.get("refId"), data);
        assertThat((String) data.get("datasourceUid")).as(uid).isIn(DATASOURCE_UID, "__expr__");
        Map<String, Object> model = (Map<String, Object>) data.get("model");
        assertThat(model.get("refId")).as(uid).isEqualTo(data.get("refId"));
        if ("__expr__".equals(data.get("datasourceUid"))) {
          assertThat(model.get("type")).as(uid).isEqualTo("threshold");
          assertThat(model.get("expression")).as(uid + ": threshold input").isNotNull();
        } else {
          assertThat(data).as(uid).containsKey("relativeTimeRange");
        }
      }
      Map<String, Object> condition = byRef.get((String) rule.get("condition"));
      assertThat(condition).as(uid + ": condition refers to a query").isNotNull();
      assertThat(byRef).as(uid + ": threshold input exists")
          .containsKey((String) ((Map<String, Object>) condition.get("model")).get("expression"));
      Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
      assertThat(annotations).as(uid).containsKeys("summary", "description", "summary_zh", "description_zh");
      assertThat(((String) annotations.get("summary_zh")).replaceAll("\\{\\{[^}]*}}", ""))
          .as(uid + ": the Chinese summary holds no English").doesNotContainPattern("[A-Za-z]");
      assertThat(dashboardUids).as(uid + ": linked dashboard").contains((String) annotations.get("__dashboardUid__"));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void notificationPoliciesRouteToTheProvisionedWebhookWhoseUrlComesFromTheEnvironment() {
    Set<String> contactPoints = new HashSet<>();
    for (Map<String, Object> file : grafana.provisioning("alerting")) {
      for (Map<String, Object> cp : (List<Map<String, Object>>) file.getOrDefault("contactPoints", List.of())) {
        contactPoints.add((String) cp.get("name"));
        for (Map<String, Object> receiver : (List<Map<String, Object>>) cp.get("receivers")) {
          assertThat(receiver.get("type")).isEqualTo("webhook");
          assertThat((String) ((Map<String, Object>) receiver.get("settings")).get("url")).matches(ENV);
        }
      }
    }
    List<Map<String, Object>> policies = new ArrayList<>();
    for (Map<String, Object> file : grafana.provisioning("alerting")) {
      policies.addAll((List<Map<String, Object>>) file.getOrDefault("policies", List.of()));
    }
    assertThat(policies).hasSize(1);
    assertThat(contactPoints).contains((String) policies.get(0).get("receiver"));
    for (Map<String, Object> route : (List<Map<String, Object>>) policies.get(0).getOrDefault("routes", List.of())) {
      assertThat(contactPoints).contains((String) route.get("receiver"));
    }
  }

  @Test
  void noProvisioningFileHoldsASecret() throws Exception {
    for (Path file : grafana.yaml.keySet()) {
      String text = Files.readString(grafana.root.resolve(file));
      assertThat(text).as(file.toString()).doesNotContainPattern("(?i)password:\\s*[^$\\s]");
    }
  }
}

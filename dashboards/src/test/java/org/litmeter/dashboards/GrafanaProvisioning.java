package org.litmeter.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.litmeter.testkit.SharedData;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The files under {@code dashboards/grafana} as Grafana would read them, and every query in them. */
final class GrafanaProvisioning {

  static final String DATASOURCE_UID = "litmeter-clickhouse";
  static final String PROMETHEUS_UID = "litmeter-prometheus";

  /** Where a query sits and what it must return: a time series (format 0) or a table (format 1). */
  enum Kind { PANEL, VARIABLE, ANNOTATION, ALERT }

  /**
   * One query as written in a file.
   *
   * @param where the dashboard and panel, or the alert rule, for messages
   * @param panelType Grafana's panel type ("stat", "timeseries", "table"), or the kind for non-panels
   * @param format 0 for a time series, 1 for a table
   * @param alertRange for an alert query, how far back from now it looks
   */
  record Query(String where, Kind kind, String panelType, int format, String rawSql, Duration alertRange,
      Map<String, Object> alertRule) {}

  final Path root;
  final Map<Path, JsonNode> dashboards = new java.util.TreeMap<>();
  final Map<Path, Map<String, Object>> yaml = new java.util.TreeMap<>();

  private GrafanaProvisioning(Path root) {
    this.root = root;
  }

  static GrafanaProvisioning load() {
    GrafanaProvisioning p = new GrafanaProvisioning(SharedData.projectRoot().resolve("dashboards/grafana"));
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.walk(p.root)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".json")) {
          p.dashboards.put(p.root.relativize(file), json.readTree(file.toFile()));
        } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
          try (Reader r = Files.newBufferedReader(file)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> document = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromReader(r);
            p.yaml.put(p.root.relativize(file), document);
          }
        } else {
          throw new IllegalStateException("unexpected file in dashboards/grafana: " + file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  /** The YAML files of one provisioning kind: "datasources", "dashboards" or "alerting". */
  List<Map<String, Object>> provisioning(String kind) {
    return yaml.entrySet().stream().filter(e -> e.getKey().startsWith(Path.of("provisioning", kind)))
        .map(Map.Entry::getValue).toList();
  }

  /** The alert rules of every rule group. */
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> alertRules() {
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Map<String, Object> file : provisioning("alerting")) {
      for (Map<String, Object> group : (List<Map<String, Object>>) file.getOrDefault("groups", List.of())) {
        rules.addAll((List<Map<String, Object>>) group.get("rules"));
      }
    }
    return rules;
  }

  /**
   * Every SQL query of the dashboards (panels, variables, annotations) and of the alert rules; the
   * PromQL panels run against a real Prometheus in the CLI's PrometheusMonitoringIT.
   */
  @SuppressWarnings("unchecked")
  List<Query> queries() {
    List<Query> out = new ArrayList<>();
    for (JsonNode d : dashboards.values()) {
      String dash = d.path("uid").asText();
      for (JsonNode v : d.path("templating").path("list")) {
        if (v.path("type").asText().equals("query")) {
          out.add(new Query(dash + " / variable " + v.path("name").asText(), Kind.VARIABLE, "variable", 1,
              v.path("query").asText(), null, null));
        }
      }
      for (JsonNode a : d.path("annotations").path("list")) {
        out.add(new Query(dash + " / annotation " + a.path("name").asText(), Kind.ANNOTATION, "annotation", 1,
            a.path("target").path("rawSql").asText(), null, null));
      }
      for (JsonNode panel : d.path("panels")) {
        if (panel.path("datasource").path("uid").asText().equals(PROMETHEUS_UID)) {
          continue;
        }
        for (JsonNode t : panel.path("targets")) {
          out.add(new Query(dash + " / " + panel.path("title").asText(), Kind.PANEL, panel.path("type").asText(),
              t.path("format").asInt(), t.path("rawSql").asText(), null, null));
        }
      }
    }
    for (Map<String, Object> rule : alertRules()) {
      for (Map<String, Object> data : (List<Map<String, Object>>) rule.get("data")) {
        if (DATASOURCE_UID.equals(data.get("datasourceUid"))) {
          Map<String, Object> model = (Map<String, Object>) data.get("model");
          Map<String, Object> range = (Map<String, Object>) data.get("relativeTimeRange");
          out.add(new Query("alert rule " + rule.get("uid") + " / " + data.get("refId"), Kind.ALERT, "alert",
              ((Number) model.get("format")).intValue(), (String) model.get("rawSql"),
              Duration.ofSeconds(((Number) range.get("from")).longValue()), rule));
        }
      }
    }
    return out;
  }
}

package org.litmeter.dashboards;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Chinese dashboards, generated from the English ones so that the two never drift: every
 * title, description, label and display name is looked up in {@code translations/zh-CN.json}
 * ({@code texts}); every column a panel's query names gets a Chinese display name ({@code fields}),
 * and columns of codes a value mapping to Chinese words ({@code values}: detectors, severities,
 * regions, provinces, from the alert and report catalogues so that each has one Chinese name); columns with a Chinese twin in the table are read from it ({@code columns},
 * e.g. the alert summary); uids end in {@code -zh}. A text without a translation is an error, not English
 * left in a Chinese dashboard.
 */
public final class DashboardTranslation {

  /** Keys of a dashboard whose string values people read. */
  private static final Set<String> READ_BY_PEOPLE = Set.of("title", "description", "label", "content");
  private static final Pattern WORD = Pattern.compile("[a-z_][a-z0-9_]*");

  private final Map<String, String> texts;
  private final Map<String, String> fields;
  private final Map<String, String> columns;
  private final Map<String, Map<String, String>> values = new LinkedHashMap<>();
  private final List<String> untranslated = new ArrayList<>();

  private DashboardTranslation(JsonNode catalogue, Path projectRoot) throws IOException {
    this.texts = strings(catalogue.path("texts"));
    this.fields = strings(catalogue.path("fields"));
    this.columns = strings(catalogue.path("columns"));
    for (Map.Entry<String, JsonNode> e : catalogue.path("values").properties()) {
      values.put(e.getKey(), words(projectRoot, e.getValue().asText()));
    }
  }

  /** The words under a key prefix of a message catalogue: {@code path/to/X_zh_CN.properties#kind.}. */
  private static Map<String, String> words(Path projectRoot, String reference) throws IOException {
    String[] parts = reference.split("#", 2);
    Properties catalogue = new Properties();
    try (Reader in = Files.newBufferedReader(projectRoot.resolve(parts[0]), StandardCharsets.UTF_8)) {
      catalogue.load(in);
    }
    Map<String, String> words = new TreeMap<>();
    catalogue.stringPropertyNames().stream().filter(k -> k.startsWith(parts[1]))
        .forEach(k -> words.put(k.substring(parts[1].length()), catalogue.getProperty(k)));
    if (words.isEmpty()) {
      throw new IllegalStateException("no key " + parts[1] + "* in " + parts[0]);
    }
    return words;
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> map = new LinkedHashMap<>();
    object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  /** The dashboards module's English dashboards, their Chinese folder and the catalogue. */
  public record Layout(Path english, Path chinese, Path catalogue) {
    public static Layout of(Path dashboardsModule) {
      return new Layout(dashboardsModule.resolve("grafana/dashboards"),
          dashboardsModule.resolve("grafana/dashboards-zh-CN"), dashboardsModule.resolve("translations/zh-CN.json"));
    }
  }

  /**
   * Every English dashboard translated: file name to JSON text.
   *
   * @throws IllegalStateException naming every text the catalogue lacks
   */
  public static Map<String, String> translateAll(Layout layout) {
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.list(layout.english())) {
      DashboardTranslation t = new DashboardTranslation(json.readTree(layout.catalogue().toFile()),
          layout.catalogue().getParent().getParent().getParent());
      Map<String, String> out = new TreeMap<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        ObjectNode dashboard = (ObjectNode) json.readTree(file.toFile());
        t.translate(dashboard);
        out.put(file.getFileName().toString(), write(json, dashboard));
      }
      if (!t.untranslated.isEmpty()) {
        throw new IllegalStateException("no Chinese in " + layout.catalogue() + " for: " + t.untranslated);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the Chinese dashboards: {@code java ... DashboardTranslation <dashboards module>}. */
  public static void main(String[] args) throws IOException {
    Layout layout = Layout.of(Path.of(args.length > 0 ? args[0] : "dashboards"));
    Files.createDirectories(layout.chinese());
    for (Map.Entry<String, String> e : translateAll(layout).entrySet()) {
      Files.writeString(layout.chinese().resolve(e.getKey()), e.getValue());
    }
  }

  private void translate(ObjectNode dashboard) {
    dashboard.put("uid", dashboard.path("uid").asText() + "-zh");
    texts(dashboard);
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        if (target.has("rawSql")) {
          ((ObjectNode) target).put("rawSql", chineseColumns(target.path("rawSql").asText()));
          displayNames((ObjectNode) panel, target.path("rawSql").asText());
        }
      }
    }
  }

  /** Every string people read, in place. */
  private void texts(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        boolean read = READ_BY_PEOPLE.contains(e.getKey()) && e.getValue().isTextual();
        boolean displayName = e.getKey().equals("value") && object.path("id").asText().equals("displayName");
        if (read || displayName) {
          e.setValue(new TextNode(text(e.getValue().asText())));
        } else {
          texts(e.getValue());
        }
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(this::texts);
    }
  }

  private String text(String english) {
    if (english.isEmpty()) {
      return english;
    }
    String chinese = texts.get(english);
    if (chinese == null) {
      untranslated.add(english);
      return english;
    }
    return chinese;
  }

  /** {@code summary} becomes {@code summary_zh AS summary}: the same field, its Chinese text. */
  private String chineseColumns(String sql) {
    for (Map.Entry<String, String> c : columns.entrySet()) {
      sql = sql.replaceAll("(?<![\\w.'])" + Pattern.quote(c.getKey()) + "(?![\\w'])",
          Matcher.quoteReplacement(c.getValue() + " AS " + c.getKey()));
    }
    return sql;
  }

  /** A Chinese display name for every column the panel's query names. */
  private void displayNames(ObjectNode panel, String sql) {
    ObjectNode fieldConfig = panel.has("fieldConfig") ? (ObjectNode) panel.get("fieldConfig")
        : panel.putObject("fieldConfig");
    if (!fieldConfig.has("defaults")) {
      fieldConfig.putObject("defaults");
    }
    ArrayNode overrides = fieldConfig.has("overrides") ? (ArrayNode) fieldConfig.get("overrides")
        : fieldConfig.putArray("overrides");
    Set<String> named = new HashSet<>();
    overrides.forEach(o -> named.add(o.path("matcher").path("options").asText()));
    Matcher words = WORD.matcher(sql);
    Set<String> seen = new LinkedHashSet<>();
    while (words.find()) {
      seen.add(words.group());
    }
    for (String field : seen) {
      if (fields.containsKey(field) && !named.contains(field)) {
        ObjectNode override = overrides.addObject();
        override.putObject("matcher").put("id", "byName").put("options", field);
        ArrayNode properties = override.putArray("properties");
        properties.addObject().put("id", "displayName").put("value", fields.get(field));
        if (values.containsKey(field)) {
          ObjectNode options = properties.addObject().put("id", "mappings").putArray("value").addObject()
              .put("type", "value").putObject("options");
          int index = 0;
          for (Map.Entry<String, String> v : values.get(field).entrySet()) {
            options.putObject(v.getKey()).put("text", v.getValue()).put("index", index++);
          }
        }
      }
    }
  }

  private static String write(ObjectMapper json, JsonNode dashboard) throws IOException {
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
        .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
        .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
    return json.writer(printer).writeValueAsString(dashboard) + "\n";
  }
}

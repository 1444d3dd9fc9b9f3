package org.litmeter.detect;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.litmeter.rates.AcceleratorVendors;
import org.litmeter.schema.Alert;
import org.litmeter.schema.AlertStatus;

/**
 * What a person reads about an alert, in their language. An alert carries language-neutral fields
 * (kind, status, center, tenant, device, evidence); its text is rendered from them with the
 * templates of {@code AlertText.properties} (English) and {@code AlertText_zh_CN.properties}.
 *
 * <p>Templates name their values in braces: an evidence key, {@code center}, {@code tenant} or
 * {@code device}, with an optional style: {@code {relative_drop,percent}} (a fraction as a
 * percentage), {@code {x,0}} / {@code {x,1}} (decimals), {@code {day,date}}, {@code {at,time}}
 * (China time in Chinese), {@code {signal,term}} (the word {@code term.<value>}),
 * {@code {flag,clause}} (the template {@code clause.<flag>.<value>}, or nothing). A firing alert
 * uses {@code <kind>.firing.<pattern>} or {@code <kind>.firing}; a resolved one
 * {@code <kind>.resolved.<resolution>} or {@code resolved.<resolution>}, where {@code {firing}}
 * is the firing text.
 */
public final class AlertText {

  /** The languages litmeter speaks. */
  public enum Language {
    EN(Locale.ROOT, "en"), ZH_CN(Locale.SIMPLIFIED_CHINESE, "zh-CN");

    private final Locale locale;
    private final String tag;

    Language(Locale locale, String tag) {
      this.locale = locale;
      this.tag = tag;
    }

    /** The BCP 47 tag users type: {@code en}, {@code zh-CN}. */
    public String tag() {
      return tag;
    }

    /** {@code en} or {@code zh-CN} (case and {@code _} for {@code -} do not matter). */
    public static Language of(String tag) {
      for (Language l : values()) {
        if (l.tag.equalsIgnoreCase(tag.replace('_', '-'))) {
          return l;
        }
      }
      throw new IllegalArgumentException("unknown language " + tag + ": en or zh-CN");
    }

    /** The catalogue of this language named {@code baseName}, without falling back to the JVM's locale. */
    public ResourceBundle bundle(String baseName) {
      return ResourceBundle.getBundle(baseName, locale,
          ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
  }

  /** Evidence key naming how a resolved alert ended: {@code ended}, {@code reports_again}, ... */
  public static final String RESOLUTION = "resolution";
  /** Evidence key naming the variant of a detector's finding (e.g. {@code flat}, {@code identical}). */
  static final String PATTERN = "pattern";

  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
  private static final String BUNDLE = AlertText.class.getName();

  private final Language language;
  private final ResourceBundle bundle;

  private AlertText(Language language) {
    this.language = language;
    this.bundle = language.bundle(BUNDLE);
  }

  public static AlertText in(Language language) {
    return new AlertText(language);
  }

  /** The alert's summary in this language. */
  public String summary(Alert alert) {
    return summary(alert.getKind(), alert.getStatus(), alert.getCenter(), alert.getTenant(), alert.getDeviceUuid(),
        alert.getEvidence());
  }

  /** The summary of an alert given by its fields (as read back from ClickHouse). */
  public String summary(String kind, AlertStatus status, String center, String tenant, String device,
      Map<String, String> evidence) {
    Values values = new Values(center, tenant, device, evidence);
    if (status == AlertStatus.RESOLVED) {
      String resolution = evidence.getOrDefault(RESOLUTION, "ended");
      String template = first(kind + ".resolved." + resolution, "resolved." + resolution);
      return render(template, values, firing(kind, values));
    }
    return firing(kind, values);
  }

  /** The detector's name for people (e.g. 验收期后负载骤降), or the kind itself when unknown. */
  public String kindName(String kind) {
    return bundle.containsKey("kind." + kind) ? bundle.getString("kind." + kind) : kind;
  }

  /** The word for a term ({@code term.<name>}), or the name itself when the catalogue has none. */
  public String term(String name) {
    return bundle.containsKey("term." + name) ? bundle.getString("term." + name) : name;
  }

  /** The label of an evidence key ({@code evidence.<key>}), or the key itself. */
  public String evidenceLabel(String key) {
    return bundle.containsKey("evidence." + key) ? bundle.getString("evidence." + key) : key;
  }

  private String firing(String kind, Values values) {
    String pattern = values.evidence.get(PATTERN);
    String template = first(pattern == null ? null : kind + ".firing." + pattern, kind + ".firing");
    if (template == null) {
      throw new MissingResourceException("no text for alert kind " + kind + " in " + language.tag(), BUNDLE, kind);
    }
    return render(template, values, null);
  }

  private String first(String... keys) {
    for (String key : keys) {
      if (key != null && bundle.containsKey(key)) {
        return bundle.getString(key);
      }
    }
    return null;
  }

  private record Values(String center, String tenant, String device, Map<String, String> evidence) {
    String get(String name) {
      return switch (name) {
        case "center" -> center;
        case "tenant" -> tenant;
        case "device" -> device;
        default -> evidence.get(name);
      };
    }
  }

  private String render(String template, Values values, String firing) {
    if (template == null) {
      throw new MissingResourceException("no text for a resolved alert in " + language.tag(), BUNDLE, "resolved");
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      if (open < 0) {
        out.append(template, i, template.length());
        break;
      }
      int close = template.indexOf('}', open);
      out.append(template, i, open);
      String[] placeholder = template.substring(open + 1, close).split(",", 2);
      String name = placeholder[0].trim();
      String style = placeholder.length > 1 ? placeholder[1].trim() : "";
      String value = name.equals("firing") ? firing : values.get(name);
      out.append(style.equals("clause") ? clause(name, value, values) : styled(value, style));
      i = close + 1;
    }
    return out.toString();
  }

  private String clause(String name, String value, Values values) {
    String key = "clause." + name + "." + value;
    return value != null && bundle.containsKey(key) ? render(bundle.getString(key), values, null) : "";
  }

  private String styled(String value, String style) {
    if (value == null || value.isEmpty()) {
      return term("missing");
    }
    return switch (style) {
      case "" -> value;
      case "term" -> term(value);
      case "percent" -> number(value, 100, 0) + "%";
      case "0" -> number(value, 1, 0);
      case "1" -> number(value, 1, 1);
      case "date" -> date(value);
      case "time" -> time(value);
      case "vendor" -> vendor(value);
      default -> throw new IllegalArgumentException("unknown style " + style + " in " + BUNDLE);
    };
  }

  private String number(String value, double factor, int decimals) {
    try {
      return String.format(Locale.ROOT, "%." + decimals + "f", Double.parseDouble(value) * factor);
    } catch (NumberFormatException notANumber) {
      return term("missing");
    }
  }

  private String date(String value) {
    try {
      return day(LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value));
    } catch (DateTimeParseException e) {
      return value;
    }
  }

  /** A vendor label by the catalogue's name for it in this language; an unlisted label as it is. */
  private String vendor(String label) {
    AcceleratorVendors.Vendor v = AcceleratorVendors.catalogue().vendorOf(label);
    return v == null ? label : language == Language.ZH_CN ? v.nameZh() : v.name();
  }

  /** An instant: as it is in English (UTC, ISO 8601); in Chinese the China-time day and minute. */
  private String time(String value) {
    if (language == Language.EN) {
      return value;
    }
    try {
      return chinaTime(Instant.parse(value));
    } catch (DateTimeParseException e) {
      return value;
    }
  }

  /** An instant as Chinese readers expect it: the day and minute in China time, 2026年6月1日 08:00. */
  public static String chinaTime(Instant instant) {
    LocalDateTime t = LocalDateTime.ofInstant(instant, CHINA);
    return chineseDay(t.toLocalDate()) + String.format(Locale.ROOT, " %02d:%02d", t.getHour(), t.getMinute());
  }

  private static String chineseDay(LocalDate day) {
    return day.getYear() + "年" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
  }

  /** A day as this language writes it: 2026-06-01, 2026年6月1日. */
  public String day(LocalDate day) {
    return language == Language.EN ? day.toString() : chineseDay(day);
  }
}

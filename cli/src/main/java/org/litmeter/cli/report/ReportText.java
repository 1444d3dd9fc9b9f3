package org.litmeter.cli.report;

import java.text.AttributedCharacterIterator;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.litmeter.detect.AlertText;
import org.litmeter.detect.AlertText.Language;

/**
 * The words, dates and numbers of the report in one language, from {@code ReportText.properties}
 * and {@code ReportText_zh_CN.properties}; alert texts come from {@link AlertText}. Chinese reads as
 * an official document does: 上架率, 点亮率, 占用率, dates as 2026年6月1日, large counts in 万 and 亿,
 * provinces by their Chinese names.
 */
public final class ReportText {

  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
  private static final DateTimeFormatter CHINA_MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
      .withZone(CHINA);

  private final Language language;
  private final ResourceBundle bundle;
  private final AlertText alerts;

  private ReportText(Language language) {
    this.language = language;
    this.bundle = language.bundle(ReportText.class.getName());
    this.alerts = AlertText.in(language);
  }

  public static ReportText in(Language language) {
    return new ReportText(language);
  }

  Language language() {
    return language;
  }

  AlertText alerts() {
    return alerts;
  }

  /** The pattern {@code key} with its arguments ({@link MessageFormat}). */
  String get(String key, Object... args) {
    return new MessageFormat(bundle.getString(key), Locale.ROOT).format(args);
  }

  /**
   * The pattern {@code key} with its arguments as HTML: the pattern's text and the arguments
   * escaped, except arguments that are {@link Html.Markup} already.
   */
  String html(String key, Object... args) {
    Object[] text = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      text[i] = args[i] instanceof Html.Markup ? "markup" : args[i];
    }
    AttributedCharacterIterator it = new MessageFormat(bundle.getString(key), Locale.ROOT)
        .formatToCharacterIterator(text);
    StringBuilder out = new StringBuilder();
    while (it.getIndex() < it.getEndIndex()) {
      int end = it.getRunLimit(MessageFormat.Field.ARGUMENT);
      Object argument = it.getAttribute(MessageFormat.Field.ARGUMENT);
      StringBuilder run = new StringBuilder();
      for (char c = it.current(); it.getIndex() < end; c = it.next()) {
        run.append(c);
      }
      out.append(argument instanceof Integer i && args[i] instanceof Html.Markup markup ? markup.html()
          : Html.escape(run.toString()));
    }
    return out.toString();
  }

  /** Items joined as this language lists them: "a, b" or "a、b". */
  String list(List<String> items) {
    return String.join(bundle.getString("list.separator"), items);
  }

  /** The China-time day of an instant. */
  String day(long epochSecond) {
    return day(Instant.ofEpochSecond(epochSecond).atOffset(CHINA).toLocalDate());
  }

  String day(LocalDate day) {
    return alerts.day(day);
  }

  /** The China-time day and minute of an instant. */
  String time(long epochSecond) {
    Instant instant = Instant.ofEpochSecond(epochSecond);
    return language == Language.ZH_CN ? AlertText.chinaTime(instant) : CHINA_MINUTE.format(instant);
  }

  /** A rate as a percentage with one decimal, or the word for "no data". */
  String pct(Double rate) {
    return rate == null || rate.isNaN() ? get("not_available") : String.format(Locale.ROOT, "%.1f%%", rate * 100);
  }

  /** A count: 12,345 in English; 1.2万 and 3.4亿 in Chinese from ten thousand on. */
  String count(long n) {
    if (language == Language.ZH_CN && Math.abs(n) >= 10_000) {
      boolean yi = Math.abs(n) >= 100_000_000;
      double scaled = n / (yi ? 1e8 : 1e4);
      String digits = String.format(Locale.ROOT, scaled == Math.rint(scaled) ? "%.0f" : "%.1f", scaled);
      return digits + (yi ? "亿" : "万");
    }
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A province as the registry spells it, in this language; unknown spellings as they are. */
  public String province(String registered) {
    return word("province.", registered);
  }

  public String region(String region) {
    return word("region.", region);
  }

  public String severity(String severity) {
    return word("severity.", severity);
  }

  /** An accelerator vendor family: domestic, imported or unknown. */
  public String family(String family) {
    return word("family.", family);
  }

  /** An alert's status: firing or resolved. */
  public String status(String status) {
    return word("status.", status);
  }

  private String word(String prefix, String code) {
    return bundle.containsKey(prefix + code) ? bundle.getString(prefix + code) : code;
  }
}

package org.litmeter.ingest.exposition;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the Prometheus text exposition format (version 0.0.4) and OpenMetrics 1.0, line by line.
 * It never throws for bad input: each line is a sample, a comment or metadata (ignored), or an
 * {@link ExpositionError}; one bad line does not stop the others.
 *
 * <p>Differences between the formats that matter here: OpenMetrics timestamps are seconds (with a
 * fraction), text-format timestamps are milliseconds; OpenMetrics ends with {@code # EOF} and may
 * carry exemplars after {@code #}, which are ignored.
 */
public final class ExpositionParser {

  /** Which format to read; {@link #fromContentType} picks one from an HTTP Content-Type. */
  public enum Format {
    PROMETHEUS_TEXT, OPENMETRICS;

    public static Format fromContentType(String contentType) {
      return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).contains("openmetrics")
          ? OPENMETRICS : PROMETHEUS_TEXT;
    }
  }

  /** What a parsed document held. */
  public record Result(List<ExpositionSample> samples, List<ExpositionError> errors) {}

  /** Longest line read; longer lines are errors (a runaway or hostile exporter). */
  public static final int MAX_LINE_LENGTH = 64 * 1024;

  private final Format format;

  public ExpositionParser(Format format) {
    this.format = format;
  }

  public Result parse(String document) {
    List<ExpositionSample> samples = new ArrayList<>();
    List<ExpositionError> errors = new ArrayList<>();
    try {
      parse(new StringReader(document), samples::add, errors::add);
    } catch (IOException e) {
      throw new IllegalStateException("reading a string cannot fail", e);
    }
    return new Result(samples, errors);
  }

  /** Streams a document: each line goes to {@code samples} or {@code errors}. */
  public void parse(Reader reader, Consumer<ExpositionSample> samples, Consumer<ExpositionError> errors)
      throws IOException {
    BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    int number = 0;
    for (String line; (line = lines.readLine()) != null; ) {
      number++;
      if (line.length() > MAX_LINE_LENGTH) {
        errors.accept(new ExpositionError(number, line.substring(0, 200) + "...",
            "line longer than " + MAX_LINE_LENGTH + " characters"));
        continue;
      }
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      try {
        samples.accept(parseSample(trimmed, number, line));
      } catch (MalformedLineException e) {
        errors.accept(new ExpositionError(number, line, e.getMessage()));
      } catch (RuntimeException e) {
        // a parser bug must not take the scrape down: the line is reported like any bad line
        errors.accept(new ExpositionError(number, line, "unreadable: " + e));
      }
    }
  }

  private ExpositionSample parseSample(String s, int number, String raw) throws MalformedLineException {
    int i = 0;
    int n = s.length();
    int nameEnd = i;
    while (nameEnd < n && isNameChar(s.charAt(nameEnd), nameEnd == 0)) {
      nameEnd++;
    }
    if (nameEnd == 0) {
      throw new MalformedLineException("no metric name");
    }
    String name = s.substring(0, nameEnd);
    i = nameEnd;
    Map<String, String> labels = Collections.emptyMap();
    if (i < n && s.charAt(i) == '{') {
      labels = new HashMap<>();
      i = parseLabels(s, i + 1, labels);
    }
    if (i >= n || !Character.isWhitespace(s.charAt(i))) {
      throw new MalformedLineException("expected a space and a value after " + (labels.isEmpty() ? "the name" : "the labels"));
    }
    String[] rest = s.substring(i).strip().split("[ \t]+");
    if (rest.length == 0 || rest[0].isEmpty()) {
      throw new MalformedLineException("no value");
    }
    double value = parseValue(rest[0]);
    Long timestamp = null;
    if (rest.length >= 2 && !rest[1].startsWith("#")) {
      timestamp = parseTimestamp(rest[1]);
      if (rest.length > 2 && !rest[2].startsWith("#")) {
        throw new MalformedLineException("unexpected text after the timestamp: " + rest[2]);
      }
    }
    return new ExpositionSample(name, labels.isEmpty() ? Map.of() : labels, value, timestamp, number, raw);
  }

  /** Reads {@code key="value",...}} from {@code i}; returns the index after the closing brace. */
  private static int parseLabels(String s, int i, Map<String, String> labels) throws MalformedLineException {
    int n = s.length();
    while (true) {
      while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
        i++;
      }
      if (i >= n) {
        throw new MalformedLineException("labels not closed with }");
      }
      if (s.charAt(i) == '}') {
        return i + 1;
      }
      int keyStart = i;
      while (i < n && isNameChar(s.charAt(i), i == keyStart)) {
        i++;
      }
      if (i == keyStart) {
        throw new MalformedLineException("bad label name at column " + (i + 1));
      }
      String key = s.substring(keyStart, i);
      while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
        i++;
      }
      if (i >= n || s.charAt(i) != '=') {
        throw new MalformedLineException("expected = after label " + key);
      }
      i++;
      while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
        i++;
      }
      if (i >= n || s.charAt(i) != '"') {
        throw new MalformedLineException("label " + key + " has no quoted value");
      }
      i++;
      StringBuilder value = new StringBuilder();
      boolean closed = false;
      while (i < n) {
        char c = s.charAt(i++);
        if (c == '\\' && i < n) {
          char e = s.charAt(i++);
          value.append(switch (e) {
            case 'n' -> '\n';
            case '\\' -> '\\';
            case '"' -> '"';
            default -> throw new MalformedLineException("bad escape \\" + e + " in label " + key);
          });
        } else if (c == '"') {
          closed = true;
          break;
        } else {
          value.append(c);
        }
      }
      if (!closed) {
        throw new MalformedLineException("label " + key + " value not closed");
      }
      if (labels.put(key, value.toString()) != null) {
        throw new MalformedLineException("label " + key + " repeated");
      }
      while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
        i++;
      }
      if (i < n && s.charAt(i) == ',') {
        i++;
      } else if (i < n && s.charAt(i) != '}') {
        throw new MalformedLineException("expected , or } after label " + key);
      }
    }
  }

  private static double parseValue(String v) throws MalformedLineException {
    switch (v) {
      case "NaN":
        return Double.NaN;
      case "+Inf":
      case "Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        // Java also reads "Infinity", hex floats and a trailing d or f: none is exposition syntax
        if (v.isEmpty() || !v.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E'
            || c == '+' || c == '-')) {
          throw new MalformedLineException("value is not a number: " + abbreviate(v));
        }
        try {
          return Double.parseDouble(v);
        } catch (NumberFormatException e) {
          throw new MalformedLineException("value is not a number: " + abbreviate(v));
        }
    }
  }

  private Long parseTimestamp(String t) throws MalformedLineException {
    try {
      if (format == Format.OPENMETRICS) {
        return Math.round(Double.parseDouble(t) * 1000);
      }
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw new MalformedLineException("timestamp is not a number: " + abbreviate(t));
    }
  }

  private static boolean isNameChar(char c, boolean first) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || (!first && c >= '0' && c <= '9');
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  private static final class MalformedLineException extends Exception {
    MalformedLineException(String message) {
      super(message, null, false, false);
    }
  }
}

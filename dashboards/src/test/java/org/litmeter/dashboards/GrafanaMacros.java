package org.litmeter.dashboards;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Grafana and the {@code grafana-clickhouse-datasource} plugin (v4) make of a query before
 * ClickHouse sees it, for a fixed time range and template variable values: the macros below as
 * the plugin documents them, and {@code ${name}} / {@code $name} replaced by the variable's value.
 * Any other macro is refused, in particular {@code $__timeInterval}, which expands to
 * {@code toStartOfInterval}, a function ClickHouse 18.16 lacks.
 */
final class GrafanaMacros {

  private static final Pattern MACRO = Pattern.compile("\\$__(\\w+)");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)");

  private final long from;
  private final long to;
  private final Map<String, String> variables;

  GrafanaMacros(Instant from, Instant to, Map<String, String> variables) {
    this.from = from.getEpochSecond();
    this.to = to.getEpochSecond();
    this.variables = variables;
  }

  String expand(String sql) {
    StringBuilder out = new StringBuilder();
    Matcher m = MACRO.matcher(sql);
    int at = 0;
    while (m.find(at)) {
      out.append(sql, at, m.start());
      String name = m.group(1);
      at = m.end();
      switch (name) {
        case "fromTime" -> out.append("toDateTime(").append(from).append(')');
        case "toTime" -> out.append("toDateTime(").append(to).append(')');
        case "timeFilter", "dateFilter" -> {
          int close = argumentEnd(sql, at, name);
          String column = sql.substring(at + 1, close).trim();
          out.append(name.equals("timeFilter")
              ? column + " >= toDateTime(" + from + ") AND " + column + " <= toDateTime(" + to + ")"
              : column + " >= toDate('" + date(from) + "') AND " + column + " <= toDate('" + date(to) + "')");
          at = close + 1;
        }
        default -> throw new IllegalArgumentException("macro $__" + name
            + " is not one the dashboards may use (it may need functions ClickHouse 18.16 lacks)");
      }
    }
    out.append(sql.substring(at));
    return variables(out.toString());
  }

  private static int argumentEnd(String sql, int at, String name) {
    int close = sql.indexOf(')', at);
    if (at >= sql.length() || sql.charAt(at) != '(' || close < 0 || sql.substring(at + 1, close).contains("(")) {
      // the plugin's macro parser stops at the first ')', so an expression argument would be cut
      throw new IllegalArgumentException("$__" + name + " needs a plain column argument: " + sql.substring(at));
    }
    return close;
  }

  private String variables(String sql) {
    Matcher m = VARIABLE.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      String value = variables.get(name);
      if (value == null) {
        throw new IllegalArgumentException("template variable $" + name + " has no value");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String date(long epochSecond) {
    return Instant.ofEpochSecond(epochSecond).atOffset(ZoneOffset.UTC).toLocalDate().toString();
  }
}

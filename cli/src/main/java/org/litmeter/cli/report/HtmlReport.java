package org.litmeter.cli.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.litmeter.cli.report.RatesChart.Span;
import org.litmeter.cli.report.ReportData.Center;
import org.litmeter.cli.report.ReportData.Totals;

/**
 * One self-contained HTML page for people without Grafana: a plain-language summary, the rates
 * over time as inline SVG with acceptance periods shaded, the centers and the firing alerts. No
 * external resource is loaded, so the file can be mailed or archived as it is.
 */
final class HtmlReport {

  /** The racked rate below which regulators look closer. */
  static final double RACKED_THRESHOLD = 0.65;
  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

  private HtmlReport() {}

  static String render(ReportData d, Instant generatedAt) {
    RatesChart chart = new RatesChart(d.from(), d.to(), d.daily());
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>litmeter report: ").append(Html.escape(d.title())).append("</title><style>")
        .append("body{font-family:sans-serif;margin:24px;max-width:820px;color:#222}")
        .append("table{border-collapse:collapse;font-size:13px}td,th{border-bottom:1px solid #ddd;padding:3px 8px;")
        .append("text-align:left}td.n{text-align:right}.legend span{margin-right:14px}.low{color:#b00}")
        .append("h2{margin-top:28px}p.summary{font-size:15px;line-height:1.5}</style></head><body>\n")
        .append("<h1>litmeter report: ").append(Html.escape(d.title())).append("</h1>\n")
        .append("<p>").append(day(d.from())).append(" to ").append(day(d.to())).append(" (China Standard Time), ")
        .append(d.daily() ? "daily" : "hourly").append(" windows. Generated <span id=\"generated\"")
        .append(" data-epoch-ms=\"").append(generatedAt.toEpochMilli()).append("\">").append(generatedAt)
        .append("</span>.</p>\n")
        .append("<p class=\"status\">").append(Html.escape(status(d))).append("</p>\n")
        .append("<p class=\"summary\">").append(Html.escape(summary(d))).append("</p>\n")
        .append("<p class=\"legend\">");
    for (int i = 0; i < 3; i++) {
      html.append("<span style=\"color:").append(RatesChart.COLORS[i]).append("\">&#9632; ").append(RatesChart.NAMES[i])
          .append(" rate</span>");
    }
    html.append("<span style=\"color:#c98a1b\">&#9632; acceptance period</span></p>\n")
        .append(chart.render("Rates of " + d.title(), d.overall(), d.centers().size() == 1
            ? acceptance(d.centers().get(0)) : List.of()))
        .append("\n<h2>Centers</h2>\n<table><tr><th>center</th><th>name</th><th>province</th><th>region</th>")
        .append("<th>planned</th><th>racked</th><th>lit</th><th>occupied</th><th>acceptance period</th></tr>\n");
    for (Center c : d.centers()) {
      Totals t = d.centerTotals().getOrDefault(c.id(), d.centers().size() == 1 ? d.overallTotals() : null);
      Double racked = t == null ? null : t.rackedRate();
      html.append("<tr><td>").append(Html.escape(c.id())).append("</td><td>").append(Html.escape(c.name()))
          .append("</td><td>").append(Html.escape(c.province())).append("</td><td>").append(Html.escape(c.region()))
          .append("</td><td class=\"n\">").append(c.planned()).append("</td><td class=\"n")
          .append(racked != null && racked < RACKED_THRESHOLD ? " low" : "").append("\">").append(pct(racked))
          .append("</td><td class=\"n\">").append(pct(t == null ? null : t.litRate())).append("</td><td class=\"n\">")
          .append(pct(t == null ? null : t.occupiedRate())).append("</td><td>")
          .append(c.acceptanceStart() == null ? "" : c.acceptanceStart() + " to " + c.acceptanceEnd())
          .append("</td></tr>\n");
    }
    html.append("</table>\n<h2>Firing alerts</h2>\n");
    if (d.alerts().isEmpty()) {
      html.append("<p>No alert is firing.</p>\n");
    } else {
      html.append("<table><tr><th>detected (UTC)</th><th>severity</th><th>detector</th><th>center</th>")
          .append("<th>summary</th></tr>\n");
      for (ReportData.FiringAlert a : d.alerts()) {
        html.append("<tr><td>").append(Html.escape(a.detectedAt())).append("</td><td>").append(Html.escape(a.severity()))
            .append("</td><td>").append(Html.escape(a.kind())).append("</td><td>").append(Html.escape(a.center()))
            .append("</td><td>").append(Html.escape(a.summary())).append("</td></tr>\n");
      }
      html.append("</table>\n");
    }
    if (d.centers().size() > 1) {
      html.append("<h2>Each center</h2>\n");
      for (Center c : d.centers()) {
        List<RatesChart.Point> points = d.centerSeries().get(c.id());
        if (points != null) {
          html.append("<h3>").append(Html.escape(c.id() + " " + c.name())).append("</h3>\n")
              .append(chart.render("Rates of " + c.id(), points, acceptance(c))).append('\n');
        }
      }
    }
    return html.append("<script>\n// the generation time in the reader's own time zone\n")
        .append("var g = document.getElementById('generated');\n")
        .append("g.textContent = new Date(Number(g.dataset.epochMs)).toLocaleString();\n</script>\n</body></html>\n")
        .toString();
  }

  /** A few sentences a reader without charts can act on. */
  /** Whether the figures are final or may still be revised. */
  static String status(ReportData d) {
    return d.preliminaryFrom() == null
        ? "All figures are final: computed again from every stored sample once their revision period had passed."
        : "Figures from " + day(d.preliminaryFrom()) + " on are preliminary: they may still change when late data"
            + " arrive, and are final once their revision period has passed.";
  }

  static String summary(ReportData d) {
    Totals all = d.overallTotals();
    List<String> s = new ArrayList<>();
    long reporting = d.centers().stream().filter(c -> d.centerTotals().containsKey(c.id())
        || d.centers().size() == 1).count();
    s.add(String.format(Locale.ROOT, "From %s to %s, %d of the %d registered centers of %s sent telemetry.",
        day(d.from()), day(d.to()), reporting, d.centers().size(), d.title()));
    s.add(String.format(Locale.ROOT, "%s of the planned accelerators were racked (installed, powered and reporting);"
        + " of those, %s did real compute work (lit) and %s were leased to a tenant (occupied).",
        pct(all.rackedRate()), pct(all.litRate()), pct(all.occupiedRate())));
    if (d.centers().size() > 1) {
      long low = d.centerTotals().values().stream()
          .filter(t -> t.rackedRate() != null && t.rackedRate() < RACKED_THRESHOLD).count();
      s.add(String.format(Locale.ROOT, "%d of %d reporting centers were below %d%% racked.", low,
          d.centerTotals().size(), Math.round(RACKED_THRESHOLD * 100)));
      d.centerTotals().entrySet().stream().filter(e -> e.getValue().litRate() != null)
          .min(Map.Entry.comparingByValue((a, b) -> Double.compare(a.litRate(), b.litRate())))
          .ifPresent(e -> s.add("The lowest lit rate: " + e.getKey() + ", " + pct(e.getValue().litRate()) + "."));
    }
    LocalDate end = Instant.ofEpochSecond(d.to()).atOffset(CHINA).toLocalDate();
    List<String> judged = d.centers().stream().filter(c -> c.acceptanceEnd() != null && !c.acceptanceStart().isAfter(end)
        && !c.acceptanceEnd().isBefore(end.minusDays(90))).map(Center::id).toList();
    if (!judged.isEmpty()) {
      s.add("In or less than 90 days after their acceptance period, when a sham load is typically withdrawn: "
          + String.join(", ", judged) + ".");
    }
    if (d.alerts().isEmpty()) {
      s.add("No alert is firing.");
    } else {
      Map<String, Integer> byKind = new TreeMap<>();
      d.alerts().forEach(a -> byKind.merge(a.kind().replace('_', ' '), 1, Integer::sum));
      List<String> parts = new ArrayList<>();
      byKind.forEach((k, n) -> parts.add(n + " " + k));
      s.add((d.alerts().size() == 1 ? "1 alert is" : d.alerts().size() + " alerts are") + " firing: "
          + String.join(", ", parts) + ".");
    }
    return String.join(" ", s);
  }

  private static List<Span> acceptance(Center c) {
    if (c.acceptanceStart() == null || c.acceptanceEnd() == null) {
      return List.of();
    }
    return List.of(new Span(c.acceptanceStart().atStartOfDay().toEpochSecond(CHINA),
        c.acceptanceEnd().plusDays(1).atStartOfDay().toEpochSecond(CHINA), "acceptance"));
  }

  private static String day(long epochSecond) {
    return Instant.ofEpochSecond(epochSecond).atOffset(CHINA).toLocalDate().toString();
  }

  static String pct(Double rate) {
    return rate == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", rate * 100);
  }
}

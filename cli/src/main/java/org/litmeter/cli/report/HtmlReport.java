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
import org.litmeter.detect.AlertText.Language;
import org.litmeter.rates.AcceleratorVendors;
import org.litmeter.rates.RateRules;

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

  static String render(ReportData d, Instant generatedAt, ReportText t) {
    RatesChart chart = new RatesChart(d.from(), d.to(), d.daily(), t);
    String title = title(d, t);
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"").append(t.language().tag()).append("\"><head><meta charset=\"utf-8\">")
        .append("<title>").append(Html.escape(t.get("page.title", title))).append("</title><style>")
        .append("body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"PingFang SC\",\"Microsoft YaHei\",")
        .append("sans-serif;margin:24px;max-width:820px;color:#222}")
        .append("table{border-collapse:collapse;font-size:13px}td,th{border-bottom:1px solid #ddd;padding:3px 8px;")
        .append("text-align:left}th{white-space:nowrap}td.n{text-align:right}.legend span{margin-right:14px}.low{color:#b00}")
        .append("h2{margin-top:28px}p.summary{font-size:15px;line-height:1.5}</style></head><body>\n")
        .append("<h1>").append(Html.escape(t.get("page.title", title))).append("</h1>\n")
        .append("<p>").append(t.html("period", t.day(d.from()), t.day(d.to()),
            t.get(d.daily() ? "windows.daily" : "windows.hourly"),
            new Html.Markup("<span id=\"generated\" data-epoch-ms=\"" + generatedAt.toEpochMilli() + "\">"
                + Html.escape(t.time(generatedAt.getEpochSecond())) + "</span>"))).append("</p>\n")
        .append("<p class=\"status\">").append(Html.escape(status(d, t))).append("</p>\n")
        .append("<p class=\"summary\">").append(Html.escape(summary(d, t, title))).append("</p>\n")
        .append("<p class=\"legend\">");
    for (int i = 0; i < 3; i++) {
      html.append("<span style=\"color:").append(RatesChart.COLORS[i]).append("\">&#9632; ")
          .append(Html.escape(t.get("rate." + RatesChart.NAMES[i]))).append("</span>");
    }
    html.append("<span style=\"color:#c98a1b\">&#9632; ").append(Html.escape(t.get("acceptance_period")))
        .append("</span></p>\n")
        .append(chart.render(t.get("chart.title", title), d.overall(), d.centers().size() == 1
            ? acceptance(d.centers().get(0), t) : List.of()))
        .append("\n<h2>").append(Html.escape(t.get("heading.centers"))).append("</h2>\n<table><tr>");
    for (String column : new String[] {"center", "name", "province", "region", "planned", "racked", "lit", "occupied",
        "acceptance"}) {
      html.append("<th>").append(Html.escape(t.get("column." + column))).append("</th>");
    }
    html.append("</tr>\n");
    for (Center c : d.centers()) {
      Totals totals = d.centerTotals().getOrDefault(c.id(), d.centers().size() == 1 ? d.overallTotals() : null);
      Double racked = totals == null ? null : totals.rackedRate();
      html.append("<tr><td>").append(Html.escape(c.id())).append("</td><td>").append(Html.escape(c.name()))
          .append("</td><td>").append(Html.escape(t.province(c.province()))).append("</td><td>")
          .append(Html.escape(t.region(c.region()))).append("</td><td class=\"n\">")
          .append(String.format(Locale.ROOT, "%,d", c.planned())).append("</td><td class=\"n")
          .append(racked != null && racked < RACKED_THRESHOLD ? " low" : "").append("\">").append(t.pct(racked))
          .append("</td><td class=\"n\">").append(t.pct(totals == null ? null : totals.litRate()))
          .append("</td><td class=\"n\">").append(t.pct(totals == null ? null : totals.occupiedRate()))
          .append("</td><td>").append(c.acceptanceStart() == null ? ""
              : Html.escape(t.get("span", t.day(c.acceptanceStart()), t.day(c.acceptanceEnd()))))
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
    chips(d, t, html);
    tenants(d, t, html);
    html.append("<h2>").append(Html.escape(t.get("heading.alerts"))).append("</h2>\n");
    if (d.alerts().isEmpty()) {
      html.append("<p>").append(Html.escape(t.get("summary.no_alerts"))).append("</p>\n");
    } else {
      html.append("<table><tr>");
      for (String column : new String[] {"detected", "severity", "kind", "center", "summary"}) {
        html.append("<th>").append(Html.escape(t.get("column." + column))).append("</th>");
      }
      html.append("</tr>\n");
      for (StoredAlerts.StoredAlert a : d.alerts()) {
        html.append("<tr><td>").append(Html.escape(t.time(a.detectedAt()))).append("</td><td>")
            .append(Html.escape(t.severity(a.severity()))).append("</td><td>")
            .append(Html.escape(t.alerts().kindName(a.kind()))).append("</td><td>").append(Html.escape(a.center()))
            .append("</td><td>").append(Html.escape(a.text(t.alerts()))).append("</td></tr>\n");
      }
      html.append("</table>\n");
    }
    if (d.centers().size() > 1) {
      html.append("<h2>").append(Html.escape(t.get("heading.each_center"))).append("</h2>\n");
      for (Center c : d.centers()) {
        List<RatesChart.Point> points = d.centerSeries().get(c.id());
        if (points != null) {
          html.append("<h3>").append(Html.escape(c.id() + " " + c.name())).append("</h3>\n")
              .append(chart.render(t.get("chart.title", c.id()), points, acceptance(c, t))).append('\n');
        }
      }
    }
    return html.append("<script>\n// the generation time in the reader's own time zone\n")
        .append("var g = document.getElementById('generated');\n")
        .append("g.textContent = new Date(Number(g.dataset.epochMs)).toLocaleString(document.documentElement.lang);\n")
        .append("</script>\n</body></html>\n").toString();
  }

  /** Per vendor family a sentence, and each model's rates under its family's. */
  private static void chips(ReportData d, ReportText t, StringBuilder html) {
    if (d.models().isEmpty()) {
      return;
    }
    double baseWindows = (d.to() - d.from()) / 300.0;
    AcceleratorVendors vendors = AcceleratorVendors.catalogue();
    Map<String, long[]> byFamily = new java.util.LinkedHashMap<>();
    Map<String, ReportData.Stability> stabilityByFamily = new java.util.HashMap<>();
    for (String family : List.of("domestic", "imported", "unknown")) {
      for (ReportData.ModelTotals m : d.models()) {
        if (m.family().equals(family)) {
          long[] sums = byFamily.computeIfAbsent(family, f -> new long[3]);
          sums[0] += m.racked();
          sums[1] += m.lit();
          sums[2] += m.occupied();
          stabilityByFamily.merge(family, m.stability(), ReportData.Stability::plus);
        }
      }
    }
    html.append("<h2>").append(Html.escape(t.get("heading.chips"))).append("</h2>\n<p class=\"summary\">");
    List<String> sentences = new ArrayList<>();
    byFamily.forEach((family, sums) -> {
      sentences.add(t.get("chips.family", t.family(family), String.format(Locale.ROOT, "%.1f", sums[0] / baseWindows),
          t.pct((double) sums[1] / sums[0]), t.pct((double) sums[2] / sums[0])));
      ReportData.Stability st = stabilityByFamily.get(family);
      Double hours = st.hoursBetweenFailures(sums[0]);
      sentences.add(hours == null ? t.get("chips.no_failure", t.family(family))
          : t.get("chips.stability", t.family(family), String.format(Locale.ROOT, "%,.1f", hours),
              t.pct(st.timeLost(sums[0]))));
    });
    html.append(Html.escape(String.join(t.language() == Language.ZH_CN ? "" : " ", sentences))).append("</p>\n<table><tr>");
    for (String column : new String[] {"family", "vendor", "model", "racked_cards", "lit", "occupied",
        "hours_between_failures", "time_lost"}) {
      html.append("<th>").append(Html.escape(t.get("column." + column))).append("</th>");
    }
    html.append("</tr>\n");
    byFamily.keySet().forEach(family -> d.models().stream().filter(m -> m.family().equals(family)).forEach(m -> {
      AcceleratorVendors.Vendor v = vendors.vendorOf(m.vendor());
      html.append("<tr><td>").append(Html.escape(t.family(family))).append("</td><td>")
          .append(Html.escape(v == null ? m.vendor() : t.language() == Language.ZH_CN ? v.nameZh() : v.name()))
          .append("</td><td>").append(Html.escape(m.model())).append("</td><td class=\"n\">")
          .append(String.format(Locale.ROOT, "%.1f", m.racked() / baseWindows)).append("</td><td class=\"n\">")
          .append(t.pct((double) m.lit() / m.racked())).append("</td><td class=\"n\">")
          .append(t.pct((double) m.occupied() / m.racked())).append("</td><td class=\"n\">")
          .append(m.stability().hoursBetweenFailures(m.racked()) == null ? Html.escape(t.get("not_available"))
              : String.format(Locale.ROOT, "%,.1f", m.stability().hoursBetweenFailures(m.racked())))
          .append("</td><td class=\"n\">").append(t.pct(m.stability().timeLost(m.racked()))).append("</td></tr>\n");
    }));
    html.append("</table>\n");
  }

  /** The tenants that left the most of the card-hours they held unlit. */
  private static void tenants(ReportData d, ReportText t, StringBuilder html) {
    if (d.tenants().isEmpty()) {
      return;
    }
    html.append("<h2>").append(Html.escape(t.get("heading.tenants"))).append("</h2>\n<p>")
        .append(Html.escape(t.get("tenants.explain", ReportData.TENANTS_LISTED))).append("</p>\n<table><tr>");
    for (String column : new String[] {"center", "tenant", "leased_card_hours", "lit_card_hours", "lit_share"}) {
      html.append("<th>").append(Html.escape(t.get("column." + column))).append("</th>");
    }
    html.append("</tr>\n");
    for (ReportData.TenantTotals tenant : d.tenants()) {
      html.append("<tr><td>").append(Html.escape(tenant.center())).append("</td><td>")
          .append(Html.escape(tenant.tenant())).append("</td><td class=\"n\">")
          .append(String.format(Locale.ROOT, "%,.1f", RateRules.cardHours(tenant.leased()))).append("</td><td class=\"n\">")
          .append(String.format(Locale.ROOT, "%,.1f", RateRules.cardHours(tenant.lit()))).append("</td><td class=\"n")
          .append(tenant.lit() < 0.5 * tenant.leased() ? " low" : "").append("\">")
          .append(t.pct((double) tenant.lit() / tenant.leased())).append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  /** What the report is about: the nation, a region, or one center (by its registered name in Chinese). */
  static String title(ReportData d, ReportText t) {
    ReportData.Selection s = d.selection();
    if (s.center() != null) {
      return t.get("scope.center", s.center(), d.centers().isEmpty() ? s.center() : d.centers().get(0).name());
    }
    return s.region().equals("all") ? t.get("scope.nation") : t.get("scope.region", t.region(s.region()));
  }

  /** Whether the figures are final or may still be revised. */
  static String status(ReportData d, ReportText t) {
    return d.preliminaryFrom() == null ? t.get("status.final") : t.get("status.preliminary", t.day(d.preliminaryFrom()));
  }

  /** A few sentences a reader without charts can act on. */
  static String summary(ReportData d, ReportText t, String title) {
    Totals all = d.overallTotals();
    List<String> s = new ArrayList<>();
    long reporting = d.centers().stream().filter(c -> d.centerTotals().containsKey(c.id())
        || d.centers().size() == 1).count();
    s.add(t.get("summary.reporting", t.day(d.from()), t.day(d.to()), t.count(reporting), t.count(d.centers().size()),
        title));
    s.add(t.get("summary.rates", t.pct(all.rackedRate()), t.pct(all.litRate()), t.pct(all.occupiedRate())));
    if (d.centers().size() > 1) {
      long low = d.centerTotals().values().stream()
          .filter(c -> c.rackedRate() != null && c.rackedRate() < RACKED_THRESHOLD).count();
      s.add(t.get("summary.low_racked", t.count(low), t.count(d.centerTotals().size()),
          Math.round(RACKED_THRESHOLD * 100) + "%"));
      d.centerTotals().entrySet().stream().filter(e -> e.getValue().litRate() != null)
          .min(Map.Entry.comparingByValue((a, b) -> Double.compare(a.litRate(), b.litRate())))
          .ifPresent(e -> s.add(t.get("summary.lowest_lit", e.getKey(), t.pct(e.getValue().litRate()))));
    }
    LocalDate end = Instant.ofEpochSecond(d.to()).atOffset(CHINA).toLocalDate();
    List<String> judged = d.centers().stream().filter(c -> c.acceptanceEnd() != null && !c.acceptanceStart().isAfter(end)
        && !c.acceptanceEnd().isBefore(end.minusDays(90))).map(Center::id).toList();
    if (!judged.isEmpty()) {
      s.add(t.get("summary.acceptance", t.list(judged)));
    }
    if (d.alerts().isEmpty()) {
      s.add(t.get("summary.no_alerts"));
    } else {
      Map<String, Integer> byKind = new TreeMap<>();
      d.alerts().forEach(a -> byKind.merge(t.alerts().kindName(a.kind()), 1, Integer::sum));
      List<String> parts = new ArrayList<>();
      byKind.forEach((k, n) -> parts.add(t.get("summary.alert_count", t.count(n), k)));
      s.add(t.get("summary.alerts", d.alerts().size(), t.list(parts)));
    }
    return String.join(t.language() == Language.ZH_CN ? "" : " ", s);
  }

  private static List<Span> acceptance(Center c, ReportText t) {
    if (c.acceptanceStart() == null || c.acceptanceEnd() == null) {
      return List.of();
    }
    return List.of(new Span(c.acceptanceStart().atStartOfDay().toEpochSecond(CHINA),
        c.acceptanceEnd().plusDays(1).atStartOfDay().toEpochSecond(CHINA), t.get("acceptance_period")));
  }
}

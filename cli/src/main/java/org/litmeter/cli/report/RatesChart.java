package org.litmeter.cli.report;

import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * An inline SVG line chart of the racked, lit and occupied rate of one scope over a period, with
 * the acceptance period shaded. A missing rate (no racked device) breaks the line instead of
 * drawing a false zero.
 */
final class RatesChart {

  /** One window's rates; a null rate is unknown. */
  record Point(long epochSecond, Double racked, Double lit, Double occupied) {}

  /** A shaded span, e.g. the acceptance period, in epoch seconds. */
  record Span(long from, long to, String label) {}

  static final int WIDTH = 760;
  static final int HEIGHT = 210;
  private static final int LEFT = 44;
  private static final int RIGHT = 12;
  private static final int TOP = 14;
  private static final int BOTTOM = 28;
  static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c"};
  static final String[] NAMES = {"racked", "lit", "occupied"};

  private final long from;
  private final long to;
  private final LongFunction<String> axisLabels;

  /**
   * @param daily whether the points are daily windows (dates on the axis) or hourly ones (dates and times)
   * @param text the language of the axis dates
   */
  RatesChart(long fromEpochSecond, long toEpochSecond, boolean daily, ReportText text) {
    if (toEpochSecond <= fromEpochSecond) {
      throw new IllegalArgumentException("empty period");
    }
    this.from = fromEpochSecond;
    this.to = toEpochSecond;
    this.axisLabels = daily ? text::day : text::time;
  }

  double x(long epochSecond) {
    return LEFT + (double) (epochSecond - from) / (to - from) * (WIDTH - LEFT - RIGHT);
  }

  static double y(double rate) {
    return TOP + (1 - Math.max(0, Math.min(1, rate))) * (HEIGHT - TOP - BOTTOM);
  }

  String render(String title, List<Point> points, List<Span> spans) {
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\""
        + " role=\"img\" xmlns=\"http://www.w3.org/2000/svg\"><title>%s</title>", WIDTH, HEIGHT, WIDTH, HEIGHT,
        Html.escape(title)));
    for (Span s : spans) {
      double x0 = x(Math.max(from, s.from()));
      double x1 = x(Math.min(to, s.to()));
      if (x1 > x0) {
        svg.append(String.format(Locale.ROOT, "<rect class=\"span\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\""
            + " fill=\"#f5c27a\" fill-opacity=\"0.35\"><title>%s</title></rect>", x0, TOP, x1 - x0,
            HEIGHT - TOP - BOTTOM, Html.escape(s.label())));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"#8a5a00\">%s</text>",
            x0 + 3, TOP + 10, Html.escape(s.label())));
      }
    }
    for (double tick : new double[] {0, 0.5, 1}) {
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
          + "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\" fill=\"#555\">%d%%</text>", LEFT,
          WIDTH - RIGHT, y(tick), y(tick), LEFT - 4, y(tick) + 3, Math.round(tick * 100)));
    }
    // the first date starts at the axis, the last ends at it: no label runs off the chart
    String[] anchors = {"start", "middle", "end"};
    long[] ticks = {from, from + (to - from) / 2, to};
    for (int i = 0; i < ticks.length; i++) {
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"%s\""
          + " fill=\"#555\">%s</text>", x(ticks[i]), HEIGHT - 8, anchors[i], Html.escape(axisLabels.apply(ticks[i]))));
    }
    for (int series = 0; series < 3; series++) {
      svg.append(polyline(points, series));
    }
    return svg.append("</svg>").toString();
  }

  /** One series as polylines, broken where the rate is unknown. */
  private String polyline(List<Point> points, int series) {
    StringBuilder out = new StringBuilder();
    StringBuilder run = new StringBuilder();
    for (Point p : points) {
      Double v = series == 0 ? p.racked() : series == 1 ? p.lit() : p.occupied();
      if (v == null || v.isNaN()) {
        flush(out, run, series);
      } else {
        run.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(p.epochSecond()), y(v)));
      }
    }
    flush(out, run, series);
    return out.toString();
  }

  private static void flush(StringBuilder out, StringBuilder run, int series) {
    if (run.length() > 0) {
      out.append("<polyline class=\"").append(NAMES[series]).append("\" fill=\"none\" stroke=\"")
          .append(COLORS[series]).append("\" stroke-width=\"1.5\" points=\"").append(run.toString().trim())
          .append("\"/>");
      run.setLength(0);
    }
  }
}

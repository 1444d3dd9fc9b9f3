package org.litmeter.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.litmeter.simulation.scenarios.FiredAlert;
import org.litmeter.simulation.scenarios.Scenario;

/**
 * The two sweeps of an evaluation, from one population (its draws spread over the ranges): recall of
 * the acceptance cliff against how long after acceptance the load was withdrawn, and the share of
 * honest centers with any alert against their customers' churn; as tables and as an SVG chart.
 */
final class SweepChart {

  private SweepChart() {}

  /** Centers in one bucket of a sweep, and how many of them were hits (caught, or alerted). */
  record Bucket(String label, int total, int hits) {
    double ratio() {
      return total == 0 ? Double.NaN : (double) hits / total;
    }
  }

  record Sweeps(List<Bucket> cliffByWait, List<Bucket> honestByTenure) {

    private static final double[] WAITS = {-7, 0, 14, 28, 56, 91};
    private static final double[] TENURES = {0, 30, 60, 120, 241};

    static Sweeps of(List<Scenario> scenarios, List<FiredAlert> fired) {
      Set<String> cliffs = new HashSet<>();
      Set<String> alerted = new HashSet<>();
      fired.forEach(a -> {
        alerted.add(a.center());
        if (a.kind().equals("acceptance_cliff")) {
          cliffs.add(a.center());
        }
      });
      List<Bucket> byWait = new ArrayList<>();
      for (int b = 0; b + 1 < WAITS.length; b++) {
        double lo = WAITS[b];
        double hi = WAITS[b + 1];
        List<Scenario> in = scenarios.stream().filter(s -> s.expected().containsKey("acceptance_cliff"))
            .filter(s -> s.parameters().containsKey("withdrawal_wait_days"))
            .filter(s -> s.parameters().get("withdrawal_wait_days") > lo
                && s.parameters().get("withdrawal_wait_days") <= hi).toList();
        byWait.add(new Bucket(String.format(Locale.ROOT, "%.0f to %.0f", lo + 1, hi), in.size(),
            (int) in.stream().filter(s -> cliffs.contains(s.center())).count()));
      }
      List<Bucket> byTenure = new ArrayList<>();
      for (int b = 0; b + 1 < TENURES.length; b++) {
        double lo = TENURES[b];
        double hi = TENURES[b + 1];
        List<Scenario> in = scenarios.stream().filter(Scenario::honest)
            .filter(s -> s.parameters().containsKey("mean_tenure_days"))
            .filter(s -> s.parameters().get("mean_tenure_days") >= lo && s.parameters().get("mean_tenure_days") < hi)
            .toList();
        byTenure.add(new Bucket(String.format(Locale.ROOT, "%.0f to %.0f", lo, hi), in.size(),
            (int) in.stream().filter(s -> alerted.contains(s.center())).count()));
      }
      return new Sweeps(byWait, byTenure);
    }
  }

  /** Two bar charts side by side: recall by withdrawal delay, false-alarm share by churn. */
  static String svg(Sweeps sweeps) {
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"860\" height=\"320\" font-family=\"sans-serif\""
        + " font-size=\"12\">\n<rect width=\"860\" height=\"320\" fill=\"white\"/>\n");
    panel(s, 20, "Acceptance-cliff recall by withdrawal delay (days after the period)", sweeps.cliffByWait(),
        "#2b6cb0");
    panel(s, 450, "Honest centers with any alert, by customers' mean lease (days)", sweeps.honestByTenure(),
        "#c05621");
    return s.append("</svg>\n").toString();
  }

  private static void panel(StringBuilder s, int x0, String title, List<Bucket> buckets, String colour) {
    int top = 50;
    int height = 200;
    int width = 390;
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-weight=\"bold\">%s</text>%n", x0, title));
    s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", x0 + 30,
        top + height, x0 + width, top + height));
    for (int tick = 0; tick <= 4; tick++) {
      int y = top + height - tick * height / 4;
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.2f</text>%n", x0 + 25, y + 4,
          tick / 4.0));
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>%n",
          x0 + 30, y, x0 + width, y));
    }
    int slot = (width - 40) / Math.max(1, buckets.size());
    for (int i = 0; i < buckets.size(); i++) {
      Bucket b = buckets.get(i);
      int x = x0 + 40 + i * slot;
      double ratio = Double.isNaN(b.ratio()) ? 0 : b.ratio();
      int h = (int) Math.round(ratio * height);
      s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n", x,
          top + height - h, slot - 12, h, colour));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
          x + (slot - 12) / 2, top + height - h - 4, Double.isNaN(b.ratio()) ? "-" : b.hits() + "/" + b.total()));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
          x + (slot - 12) / 2, top + height + 16, b.label()));
    }
  }
}

package org.litmeter.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.litmeter.detect.AlertText.Language;
import org.litmeter.cli.report.RatesChart.Point;
import org.litmeter.cli.report.RatesChart.Span;

class RatesChartTest {

  private final RatesChart chart = new RatesChart(1_000, 2_000, false, ReportText.in(Language.EN));

  @Test
  void ratesMapOntoThePlotAreaAndAreClampedToIt() {
    assertThat(chart.x(1_000)).isEqualTo(44.0);
    assertThat(chart.x(2_000)).isEqualTo(RatesChart.WIDTH - 12.0);
    assertThat(RatesChart.y(1)).isEqualTo(14.0);
    assertThat(RatesChart.y(0)).isEqualTo(RatesChart.HEIGHT - 28.0);
    assertThat(RatesChart.y(1.7)).isEqualTo(RatesChart.y(1));
  }

  @Test
  void anUnknownRateBreaksItsLineInsteadOfDrawingAZero() {
    String svg = chart.render("t", List.of(new Point(1_000, 0.5, 0.5, 0.5), new Point(1_250, 0.5, null, 0.5),
        new Point(1_500, 0.5, 0.4, 0.5), new Point(1_750, 0.5, 0.3, 0.5)), List.of());
    assertThat(svg.split("class=\"racked\"", -1)).hasSize(2);
    assertThat(svg.split("class=\"lit\"", -1)).as("two runs of the lit line").hasSize(3);
    assertThat(svg).doesNotContain("NaN");
  }

  @Test
  void theAcceptancePeriodIsShadedOnlyWhereItOverlapsThePeriodAndLabelsAreEscaped() {
    String svg = chart.render("<x>", List.of(), List.of(new Span(500, 1_500, "acceptance"),
        new Span(3_000, 4_000, "later")));
    assertThat(svg).contains("<title>&lt;x&gt;</title>", "class=\"span\" x=\"44.0\"").doesNotContain("later");
    assertThatThrownBy(() -> new RatesChart(5, 5, false, ReportText.in(Language.EN))).isInstanceOf(IllegalArgumentException.class);
  }
}

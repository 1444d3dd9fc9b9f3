package org.litmeter.ingest.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.litmeter.ingest.exposition.ExpositionParser.Format;

class ExpositionParserTest {

  private final ExpositionParser text = new ExpositionParser(Format.PROMETHEUS_TEXT);

  @Test
  void readsSamplesLabelsValuesAndTimestamps() {
    ExpositionParser.Result r = text.parse("""
        # HELP DCGM_FI_DEV_GPU_UTIL GPU utilization (in %).
        # TYPE DCGM_FI_DEV_GPU_UTIL gauge
        DCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-1",Hostname="n1"} 42
        DCGM_FI_DEV_POWER_USAGE{gpu="0", UUID="GPU-1" ,} 300.500000 1700000000123
        machine_npu_nums 8
        weird{a="x\\"y\\\\z\\nw"} -1.5e3
        """);
    assertThat(r.errors()).isEmpty();
    assertThat(r.samples()).hasSize(4);
    ExpositionSample util = r.samples().get(0);
    assertThat(util.name()).isEqualTo("DCGM_FI_DEV_GPU_UTIL");
    assertThat(util.labels()).isEqualTo(Map.of("gpu", "0", "UUID", "GPU-1", "Hostname", "n1"));
    assertThat(util.value()).isEqualTo(42);
    assertThat(util.timestampMillis()).isNull();
    assertThat(util.line()).isEqualTo(3);
    assertThat(r.samples().get(1).timestampMillis()).isEqualTo(1700000000123L);
    assertThat(r.samples().get(1).value()).isEqualTo(300.5);
    assertThat(r.samples().get(2).labels()).isEmpty();
    assertThat(r.samples().get(3).label("a")).isEqualTo("x\"y\\z\nw");
    assertThat(r.samples().get(3).value()).isEqualTo(-1500);
  }

  @Test
  void specialValues() {
    ExpositionParser.Result r = text.parse("a NaN\nb +Inf\nc -Inf\nd 9223372036854775794\n");
    assertThat(r.samples()).extracting(ExpositionSample::value)
        .containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 9.223372036854775794E18);
  }

  @Test
  void openMetricsTimestampsAreSecondsAndExemplarsAreIgnored() {
    ExpositionParser.Result r = new ExpositionParser(Format.OPENMETRICS).parse("""
        # TYPE foo counter
        foo_total{a="b"} 17 1700000000.5 # {trace_id="x"} 1 1700000000.4
        # EOF
        """);
    assertThat(r.errors()).isEmpty();
    assertThat(r.samples()).singleElement().satisfies(s -> {
      assertThat(s.timestampMillis()).isEqualTo(1700000000500L);
      assertThat(s.value()).isEqualTo(17);
    });
    assertThat(Format.fromContentType("application/openmetrics-text; version=1.0.0")).isEqualTo(Format.OPENMETRICS);
    assertThat(Format.fromContentType("text/plain; version=0.0.4")).isEqualTo(Format.PROMETHEUS_TEXT);
  }

  @Test
  void badLinesAreErrorsAndTheOthersStillCount() {
    ExpositionParser.Result r = text.parse("""
        good 1
        no_value
        unclosed{a="b" 1
        bad_value{a="b"} forty-two
        java_only 1d
        extra 1 2 3
        dup{a="1",a="2"} 1
        bad_escape{a="\\q"} 1
        {a="b"} 1
        also_good{x="y"} 2
        """);
    assertThat(r.samples()).extracting(ExpositionSample::name).containsExactly("good", "also_good");
    assertThat(r.errors()).extracting(ExpositionError::line).containsExactly(2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(r.errors()).allSatisfy(e -> assertThat(e.reason()).isNotBlank());
  }

  @Test
  void aRunawayLineIsAnErrorNotAnOutOfMemory() {
    String huge = "x{a=\"" + "y".repeat(ExpositionParser.MAX_LINE_LENGTH) + "\"} 1\nok 1\n";
    ExpositionParser.Result r = text.parse(huge);
    assertThat(r.errors()).hasSize(1);
    assertThat(r.errors().get(0).raw()).hasSizeLessThan(300);
    assertThat(r.samples()).hasSize(1);
  }
}

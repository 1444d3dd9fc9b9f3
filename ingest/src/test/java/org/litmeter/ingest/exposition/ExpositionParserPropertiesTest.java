package org.litmeter.ingest.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.litmeter.ingest.exporters.ExporterDialect;
import org.litmeter.ingest.exporters.ExpositionMapper;
import org.litmeter.ingest.exporters.TenantRule;
import org.litmeter.schema.RecordValidator;

/**
 * Properties that must hold for any input: random text and mutations of real exporter lines never
 * make the parser or the mapper throw, and every line is accounted for (a sample, an error, or a
 * comment). Inputs come from fixed seeds, so a failure names the seed that reproduces it.
 */
class ExpositionParserPropertiesTest {

  static final List<String> REAL_LINES = List.of(
      "DCGM_FI_DEV_GPU_UTIL{gpu=\"0\",UUID=\"GPU-a6158b59-2c1e-1e63-0068-9178c4298abd\",device=\"nvidia0\","
          + "modelName=\"Tesla V100-SXM2-32GB\",Hostname=\"r6i3n0\"} 0",
      "DCGM_FI_PROF_GR_ENGINE_ACTIVE{gpu=\"0\",UUID=\"GPU-58e8f5ea-13cc-013a-d88f-2bcf5ae8bc77\","
          + "GPU_I_PROFILE=\"1g.10gb\",GPU_I_ID=\"7\",Hostname=\"gsrh100-074\",namespace=\"ns\",pod=\"p\"} 0.000000",
      "DCGM_FI_DEV_MEMORY_TEMP{gpu=\"0\", UUID=\"GPU-604ac76c-d9cf-fef3-62e9-d92044ab6e52\"} 9223372036854775794",
      "DCGM_FI_DEV_POWER_USAGE{gpu=\"1\",UUID=\"GPU-2\"} 300.000000",
      "DCGM_FI_DEV_XID_ERRORS{gpu=\"1\",UUID=\"GPU-2\"} 79",
      "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{gpu=\"1\",UUID=\"GPU-2\"} 123456789",
      "npu_chip_info_utilization{container_name=\"\",id=\"0\",model_name=\"910A-Ascend-V1\",namespace=\"\","
          + "pcie_bus_info=\"0000:61:00.0\",pod_name=\"\",vdie_id=\"185011D4-21104518\"} 36 1723621883587",
      "# HELP DCGM_FI_DEV_GPU_UTIL GPU utilization (in %).",
      "# EOF");
  static final String ALPHABET = "DCGM_FI{}=\",. 0123456789eE+-#\\\nNaInf\tabc\u00e9\u4e2d";

  @Test
  void randomTextNeverThrows() {
    for (long seed = 0; seed < 3000; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      StringBuilder text = new StringBuilder();
      int length = r.nextInt(300);
      for (int i = 0; i < length; i++) {
        text.append(r.nextInt(4) == 0 ? (char) r.nextInt(0x20, 0x3000) : ALPHABET.charAt(r.nextInt(ALPHABET.length())));
      }
      assertHolds(text.toString(), seed);
    }
  }

  @Test
  void mutatedRealLinesNeverThrow() {
    for (long seed = 0; seed < 5000; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      List<String> lines = new ArrayList<>();
      int count = r.nextInt(1, 20);
      for (int i = 0; i < count; i++) {
        lines.add(mutate(REAL_LINES.get(r.nextInt(REAL_LINES.size())), r));
      }
      assertHolds(String.join("\n", lines), seed);
    }
  }

  private static String mutate(String line, SplittableRandom r) {
    String s = line;
    int edits = r.nextInt(4);
    for (int e = 0; e < edits && !s.isEmpty(); e++) {
      int at = r.nextInt(s.length());
      s = switch (r.nextInt(5)) {
        case 0 -> s.substring(0, at);
        case 1 -> s.substring(0, at) + ALPHABET.charAt(r.nextInt(ALPHABET.length())) + s.substring(at);
        case 2 -> s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + r.nextInt(5)));
        case 3 -> s.substring(0, at) + s.substring(at).replaceFirst("[0-9.]+", r.nextBoolean() ? "NaN" : "-1e308");
        default -> s + s.substring(at);
      };
    }
    return s;
  }

  private static void assertHolds(String document, long seed) {
    for (ExpositionParser.Format format : ExpositionParser.Format.values()) {
      assertThatCode(() -> {
        ExpositionParser.Result r = new ExpositionParser(format).parse(document);
        long lines = document.lines().count();
        assertThat(r.samples().size() + r.errors().size()).isLessThanOrEqualTo((int) lines);
        new ExpositionMapper(ExporterDialect.ALL, new ExpositionMapper.Settings(host -> "c01", null,
            TenantRule.defaults(), RecordValidator.anyTime()))
            .map(r.samples(), r.errors(), new ExpositionMapper.Source("scrape", "test", "host", 1_700_000_000_000L),
                s -> { }, d -> { });
      }).as("seed %d, %s: %s", seed, format, document).doesNotThrowAnyException();
    }
  }
}

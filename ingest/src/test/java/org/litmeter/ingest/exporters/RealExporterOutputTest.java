package org.litmeter.ingest.exporters;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.litmeter.ingest.exposition.ExpositionParser;
import org.litmeter.ingest.exposition.ExpositionSample;
import org.litmeter.schema.DeadLetter;
import org.litmeter.schema.GpuSample;
import org.litmeter.schema.RecordValidator;
import org.litmeter.testkit.SharedData;

/** The parser and the DCGM mapping on real dcgm-exporter output and metric sets (../shared/data). */
class RealExporterOutputTest {

  @Test
  void realExpositionLinesParseWithoutErrorAndMapToTheExpectedDevices() throws IOException {
    String document = Files.readString(SharedData.require("dcgm-exporter/real-exposition-excerpts-from-issues.txt"));
    ExpositionParser.Result r = new ExpositionParser(ExpositionParser.Format.PROMETHEUS_TEXT).parse(document);
    assertThat(r.errors()).isEmpty();
    assertThat(r.samples()).hasSizeGreaterThanOrEqualTo(10);

    List<GpuSample> samples = new ArrayList<>();
    List<DeadLetter> deadLetters = new ArrayList<>();
    new ExpositionMapper(ExporterDialect.ALL, new ExpositionMapper.Settings(host -> "c01", null,
        TenantRule.defaults(), RecordValidator.anyTime()))
        .map(r.samples(), r.errors(), new ExpositionMapper.Source("replay", "excerpts", "unknown-host",
            1_700_000_000_000L), samples::add, deadLetters::add);

    // V100 with the older Hostname label
    assertThat(samples).filteredOn(s -> s.getDeviceUuid().equals("GPU-a6158b59-2c1e-1e63-0068-9178c4298abd"))
        .singleElement().satisfies(s -> {
          assertThat(s.getHost()).isEqualTo("r6i3n0");
          assertThat(s.getModel()).isEqualTo("Tesla V100-SXM2-32GB");
          assertThat(s.getGpuUtil()).isZero();
        });
    // MIG instances of one H100 are two devices: only instance 7 has a pod (tenant); both report
    // only GR_ENGINE_ACTIVE, which is not a utilization, activity or power: set aside, not dropped
    assertThat(deadLetters).filteredOn(d -> d.getDeviceUuid() != null && d.getDeviceUuid().startsWith("GPU-58e8f5ea"))
        .extracting(DeadLetter::getDeviceUuid, DeadLetter::getReason).containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("GPU-58e8f5ea-13cc-013a-d88f-2bcf5ae8bc77/7", "NO_METRICS"),
            org.assertj.core.groups.Tuple.tuple("GPU-58e8f5ea-13cc-013a-d88f-2bcf5ae8bc77/8", "NO_METRICS"));
    // every sample line either became part of a sample, a dead letter, or is a metric litmeter does not use
    assertThat(samples).allSatisfy(s -> assertThat(s.getCenter()).isEqualTo("c01"));
  }

  @Test
  void everyMetricLitmeterMapsIsOneTheExporterShips() throws IOException {
    Set<String> shipped = new java.util.HashSet<>();
    for (String file : List.of("default-counters.csv", "dcp-metrics-included.csv")) {
      for (String line : Files.readAllLines(SharedData.require("dcgm-exporter/" + file))) {
        String field = line.replaceFirst("^#\\s*", "").split(",")[0].strip();
        if (field.startsWith("DCGM_FI_")) {
          shipped.add(field);
        }
      }
    }
    assertThat(shipped).containsAll(ExporterDialect.DCGM.metrics().keySet());
  }

  @Test
  void theExportersMetricSetsParseAsExposition() throws IOException {
    Path csv = SharedData.require("dcgm-exporter/dcp-metrics-included.csv");
    String document = Files.readAllLines(csv).stream()
        .map(l -> l.replaceFirst("^#\\s*", "").split(",")[0].strip())
        .filter(f -> f.startsWith("DCGM_FI_"))
        .map(f -> f + "{gpu=\"0\",UUID=\"GPU-x\",modelName=\"NVIDIA H100 80GB HBM3\",Hostname=\"h\"} 1")
        .collect(Collectors.joining("\n"));
    ExpositionParser.Result r = new ExpositionParser(ExpositionParser.Format.PROMETHEUS_TEXT).parse(document);
    assertThat(r.errors()).isEmpty();
    assertThat(r.samples()).extracting(ExpositionSample::name).contains("DCGM_FI_PROF_SM_ACTIVE", "DCGM_FI_DEV_GPU_UTIL");
  }
}

package org.litmeter.ingest.exporters;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.litmeter.ingest.exposition.ExpositionParser;
import org.litmeter.schema.DeadLetter;
import org.litmeter.schema.GpuSample;
import org.litmeter.schema.RecordValidator;

class ExpositionMapperTest {

  static final long SCRAPE_TIME = Instant.parse("2026-06-01T00:00:30Z").toEpochMilli();

  final List<GpuSample> samples = new ArrayList<>();
  final List<DeadLetter> deadLetters = new ArrayList<>();
  ExpositionMapper mapper = mapper(null);

  static ExpositionMapper mapper(Set<String> knownCenters) {
    return new ExpositionMapper(ExporterDialect.ALL, new ExpositionMapper.Settings(
        host -> host.startsWith("gz-") ? "gz01" : "c01", knownCenters, TenantRule.defaults(),
        new RecordValidator(SCRAPE_TIME - 3_600_000, SCRAPE_TIME + 300_000)));
  }

  void map(String document) {
    ExpositionParser.Result r = new ExpositionParser(ExpositionParser.Format.PROMETHEUS_TEXT).parse(document);
    mapper.map(r.samples(), r.errors(), new ExpositionMapper.Source("scrape", "http://n1:9400/metrics", "n1",
        SCRAPE_TIME), samples::add, deadLetters::add);
  }

  @Test
  void oneSamplePerDeviceWithEveryDcgmField() {
    map("""
        DCGM_FI_DEV_GPU_UTIL{gpu="3",UUID="GPU-1",modelName="NVIDIA H800",Hostname="gz-node1",DCGM_FI_DEV_SERIAL="1650"} 87
        DCGM_FI_PROF_SM_ACTIVE{gpu="3",UUID="GPU-1",modelName="NVIDIA H800",Hostname="gz-node1"} 0.71
        DCGM_FI_PROF_SM_OCCUPANCY{gpu="3",UUID="GPU-1",modelName="NVIDIA H800",Hostname="gz-node1"} 0.4
        DCGM_FI_PROF_PIPE_TENSOR_ACTIVE{gpu="3",UUID="GPU-1",modelName="NVIDIA H800",Hostname="gz-node1"} 0.3
        DCGM_FI_PROF_DRAM_ACTIVE{gpu="3",UUID="GPU-1",modelName="NVIDIA H800",Hostname="gz-node1"} 0.5
        DCGM_FI_PROF_GR_ENGINE_ACTIVE{gpu="3",UUID="GPU-1",modelName="NVIDIA H800",Hostname="gz-node1"} 0.9
        DCGM_FI_DEV_POWER_USAGE{gpu="3",UUID="GPU-1",modelName="NVIDIA H800",Hostname="gz-node1"} 512.25
        DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{gpu="3",UUID="GPU-1",modelName="NVIDIA H800",Hostname="gz-node1"} 123456789
        DCGM_FI_DEV_FB_USED{gpu="3",UUID="GPU-1",modelName="NVIDIA H800",Hostname="gz-node1"} 70000
        DCGM_FI_DEV_FB_FREE{gpu="3",UUID="GPU-1",modelName="NVIDIA H800",Hostname="gz-node1"} 11000
        DCGM_FI_DEV_FB_RESERVED{gpu="3",UUID="GPU-1",modelName="NVIDIA H800",Hostname="gz-node1"} 559
        DCGM_FI_DEV_GPU_TEMP{gpu="3",UUID="GPU-1",modelName="NVIDIA H800",Hostname="gz-node1"} 66
        DCGM_FI_DEV_XID_ERRORS{gpu="3",UUID="GPU-1",modelName="NVIDIA H800",Hostname="gz-node1"} 79
        DCGM_FI_PROF_PCIE_TX_BYTES{gpu="3",UUID="GPU-1",modelName="NVIDIA H800",Hostname="gz-node1"} 1000
        DCGM_FI_PROF_PCIE_RX_BYTES{gpu="3",UUID="GPU-1",modelName="NVIDIA H800",Hostname="gz-node1"} 2000
        DCGM_FI_DEV_MEM_CLOCK{gpu="3",UUID="GPU-1",modelName="NVIDIA H800",Hostname="gz-node1"} 2619
        go_goroutines 12
        """);
    assertThat(deadLetters).isEmpty();
    assertThat(samples).singleElement().satisfies(s -> {
      assertThat(s.getCenter()).isEqualTo("gz01");
      assertThat(s.getHost()).isEqualTo("gz-node1");
      assertThat(s.getDeviceUuid()).isEqualTo("GPU-1");
      assertThat(s.getDeviceIndex()).isEqualTo(3);
      assertThat(s.getVendor()).isEqualTo("nvidia");
      assertThat(s.getModel()).isEqualTo("NVIDIA H800");
      assertThat(s.getEventTime()).isEqualTo(Instant.ofEpochMilli(SCRAPE_TIME));
      assertThat(s.getGpuUtil()).isEqualTo(87);
      assertThat(s.getSmActive()).isEqualTo(0.71);
      assertThat(s.getSmOccupancy()).isEqualTo(0.4);
      assertThat(s.getTensorActive()).isEqualTo(0.3);
      assertThat(s.getDramActive()).isEqualTo(0.5);
      assertThat(s.getGrEngineActive()).isEqualTo(0.9);
      assertThat(s.getPowerW()).isEqualTo(512.25);
      assertThat(s.getEnergyMj()).isEqualTo(123456789L);
      assertThat(s.getFbUsedMib()).isEqualTo(70000);
      assertThat(s.getFbTotalMib()).as("used + free + reserved").isEqualTo(81559);
      assertThat(s.getTemperatureC()).isEqualTo(66);
      assertThat(s.getXidLast()).isEqualTo(79);
      assertThat(s.getPcieTxBytesPerS()).isEqualTo(1000);
      assertThat(s.getPcieRxBytesPerS()).isEqualTo(2000);
      assertThat(s.getSerial()).isEqualTo("1650");
      assertThat(s.getSource()).isEqualTo("dcgm-exporter");
      assertThat(s.getTenant()).isNull();
    });
  }

  @Test
  void blankSentinelsLeaveTheFieldEmpty() {
    map("""
        DCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-1"} 12
        DCGM_FI_DEV_POWER_USAGE{gpu="0",UUID="GPU-1"} 9223372036854775794
        DCGM_FI_PROF_SM_ACTIVE{gpu="0",UUID="GPU-1"} 140737488355328
        """);
    assertThat(samples).singleElement().satisfies(s -> {
      assertThat(s.getGpuUtil()).isEqualTo(12);
      assertThat(s.getPowerW()).isNull();
      assertThat(s.getSmActive()).isNull();
      assertThat(s.getHost()).as("no host label: the target's host").isEqualTo("n1");
    });
  }

  @Test
  void migInstancesAreDevicesOfTheirOwnAndPodLabelsNameTheTenant() {
    map("""
        DCGM_FI_PROF_GR_ENGINE_ACTIVE{gpu="0",UUID="GPU-58e8",GPU_I_PROFILE="1g.10gb",GPU_I_ID="7",Hostname="h",namespace="team-a",pod="p1",container="c"} 0.5
        DCGM_FI_PROF_GR_ENGINE_ACTIVE{gpu="0",UUID="GPU-58e8",GPU_I_PROFILE="1g.10gb",GPU_I_ID="8",Hostname="h"} 0.0
        DCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-58e8",GPU_I_PROFILE="2g.20gb",GPU_I_ID="9",Hostname="h",container="",namespace="",pod=""} 5
        DCGM_FI_DEV_GPU_UTIL{gpu="1",UUID="GPU-99",hostname="h2",hpc_job="4242"} 5
        """);
    assertThat(deadLetters).as("a sample with only GR_ENGINE_ACTIVE has no utilization, activity or power")
        .extracting(DeadLetter::getReason).containsOnly("NO_METRICS");
    assertThat(samples).extracting(GpuSample::getDeviceUuid, GpuSample::getTenant, GpuSample::getMigProfile,
            GpuSample::getHost)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("GPU-58e8/9", null, "2g.20gb", "h"),
            org.assertj.core.groups.Tuple.tuple("GPU-99", "4242", null, "h2"));
  }

  @Test
  void badDevicesBecomeDeadLettersWhileGoodOnesGoThrough() {
    map("""
        DCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-good"} 50
        DCGM_FI_DEV_GPU_UTIL{gpu="1",UUID="GPU-nan"} NaN
        DCGM_FI_DEV_GPU_UTIL{gpu="2",UUID="GPU-over"} 150
        DCGM_FI_DEV_POWER_USAGE{gpu="3",UUID="GPU-negative"} -3
        DCGM_FI_DEV_GPU_UTIL{gpu="x",UUID="GPU-badindex"} 1
        DCGM_FI_DEV_GPU_UTIL{UUID="GPU-future"} 1 4102444800000
        DCGM_FI_DEV_GPU_UTIL{gpu="4"} 1
        DCGM_FI_DEV_GPU_UTIL{modelName="no id"} 1
        DCGM_FI_DEV_GPU_UTIL{gpu="5",UUID="GPU-dup"} 1
        DCGM_FI_DEV_GPU_UTIL{gpu="5",UUID="GPU-dup"} 2
        DCGM_FI_DEV_GPU_UTIL{gpu="6",UUID="GPU-big",Hostname="%s"} 1
        this is not exposition
        """.formatted("h".repeat(300)));
    assertThat(samples).extracting(GpuSample::getDeviceUuid).containsExactlyInAnyOrder("GPU-good", "n1/gpu4",
        "GPU-dup");
    assertThat(deadLetters).extracting(DeadLetter::getReason).containsExactlyInAnyOrder("NOT_FINITE", "OUT_OF_RANGE",
        "OUT_OF_RANGE", "WRONG_TYPE", "TIMESTAMP_OUT_OF_RANGE", "MISSING_FIELD", "DUPLICATE", "OVERSIZED_LABEL",
        "UNPARSABLE");
    assertThat(deadLetters).allSatisfy(d -> {
      assertThat(d.getStage()).isEqualTo("scrape");
      assertThat(d.getOrigin()).startsWith("http://n1:9400/metrics");
      assertThat(d.getRaw().remaining()).isPositive();
    });
  }

  @Test
  void theSameDeviceAtTheSameInstantInALaterScrapeIsADuplicate() {
    String doc = "npu_chip_info_utilization{id=\"0\",vdie_id=\"V-1\",model_name=\"Ascend910B\"} 36 %d\n";
    map(doc.formatted(SCRAPE_TIME));
    map(doc.formatted(SCRAPE_TIME));
    map(doc.formatted(SCRAPE_TIME + 30_000));
    assertThat(samples).hasSize(2);
    assertThat(deadLetters).extracting(DeadLetter::getReason).containsExactly("DUPLICATE");
  }

  @Test
  void unknownCentersAreDeadLetters() {
    mapper = mapper(Set.of("c01"));
    map("DCGM_FI_DEV_GPU_UTIL{gpu=\"0\",UUID=\"GPU-1\",Hostname=\"gz-node\"} 5\n"
        + "DCGM_FI_DEV_GPU_UTIL{gpu=\"0\",UUID=\"GPU-2\",Hostname=\"other\"} 5\n");
    assertThat(samples).extracting(GpuSample::getCenter).containsExactly("c01");
    assertThat(deadLetters).extracting(DeadLetter::getReason, DeadLetter::getCenter)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("UNKNOWN_CENTER", "gz01"));
  }

  @Test
  void ascendNpuExporterMapsToTheSameSchema() {
    map("""
        npu_chip_info_utilization{container_name="",id="0",model_name="910B3",namespace="train",pcie_bus_info="0000:61:00.0",pod_name="job-1",vdie_id="185011D4-21104518"} 88 %1$d
        npu_chip_info_power{container_name="",id="0",model_name="910B3",namespace="train",pcie_bus_info="0000:61:00.0",pod_name="job-1",vdie_id="185011D4-21104518"} 301.5 %1$d
        npu_chip_info_temperature{container_name="",id="0",model_name="910B3",namespace="train",pcie_bus_info="0000:61:00.0",pod_name="job-1",vdie_id="185011D4-21104518"} 55 %1$d
        npu_chip_info_hbm_used_memory{container_name="",id="0",model_name="910B3",namespace="train",pcie_bus_info="0000:61:00.0",pod_name="job-1",vdie_id="185011D4-21104518"} 40000 %1$d
        npu_chip_info_error_code{container_name="",id="0",model_name="910B3",namespace="train",pcie_bus_info="0000:61:00.0",pod_name="job-1",vdie_id="185011D4-21104518"} 0 %1$d
        npu_chip_info_utilization{id="1"} 0 %1$d
        npu_chip_info_power{id="1"} 72 %1$d
        """.formatted(SCRAPE_TIME - 1000));
    assertThat(deadLetters).isEmpty();
    assertThat(samples).extracting(GpuSample::getDeviceUuid, GpuSample::getVendor, GpuSample::getModel,
            GpuSample::getGpuUtil, GpuSample::getPowerW, GpuSample::getTenant, GpuSample::getSource)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("185011D4-21104518", "huawei", "910B3", 88.0, 301.5, "train",
                "npu-exporter"),
            org.assertj.core.groups.Tuple.tuple("n1/id1", "huawei", "Ascend NPU", 0.0, 72.0, null, "npu-exporter"));
    assertThat(samples).allSatisfy(s -> assertThat(s.getEventTime().toEpochMilli()).isEqualTo(SCRAPE_TIME - 1000));
  }

  @Test
  void anAscendErrorCodeBeyondTheIntRangeIsKeptNotRejected() {
    // 0x80E18402, an HBM error: codes with the high bit set do not fit a 32-bit signed XID
    map("""
        npu_chip_info_utilization{id="0",vdie_id="185011D4-21104518"} 0 %1$d
        npu_chip_info_power{id="0",vdie_id="185011D4-21104518"} 70 %1$d
        npu_chip_info_error_code{id="0",vdie_id="185011D4-21104518"} 2162263042 %1$d
        """.formatted(SCRAPE_TIME - 1000));
    assertThat(deadLetters).isEmpty();
    assertThat(samples).singleElement().satisfies(s -> {
      assertThat(s.getErrorCode()).isEqualTo(0x80E18402L);
      assertThat(s.getXidLast()).isNull();
    });
  }
}

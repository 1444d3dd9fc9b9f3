package org.litmeter.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.litmeter.ingest.exporters.ExporterDialect;
import org.litmeter.ingest.exporters.ExpositionMapper;
import org.litmeter.ingest.exporters.TenantRule;
import org.litmeter.ingest.exposition.ExpositionParser;
import org.litmeter.rates.DeviceKeys;
import org.litmeter.rates.DeviceWindowAccumulator;
import org.litmeter.rates.Reading;
import org.litmeter.schema.AvroCodec;
import org.litmeter.schema.GpuSample;
import org.litmeter.schema.RecordValidator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The hot paths, each reported per item: exposition lines parsed (and mapped), Avro samples
 * decoded, readings aggregated into device windows.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx512m", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=org.litmeter.schema"})
public class HotPathBenchmarks {

  static final int LINES = 25 * 8;
  static final int SAMPLES = 1000;

  private String exposition;
  private final ExpositionParser parser = new ExpositionParser(ExpositionParser.Format.PROMETHEUS_TEXT);
  private ExpositionMapper mapper;
  private final AvroCodec<GpuSample> codec = AvroCodec.of(GpuSample.class);
  private final List<byte[]> encoded = new ArrayList<>();
  private final GpuSample reuse = new GpuSample();
  private final List<Reading> readings = new ArrayList<>();
  private long scrapeTime = 1_700_000_000_000L;

  @Setup
  public void setUp() {
    StringBuilder doc = new StringBuilder();
    String[] fields = {"DCGM_FI_DEV_SM_CLOCK", "DCGM_FI_DEV_MEM_CLOCK", "DCGM_FI_DEV_MEMORY_TEMP",
        "DCGM_FI_DEV_GPU_TEMP", "DCGM_FI_DEV_POWER_USAGE", "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION",
        "DCGM_FI_DEV_PCIE_REPLAY_COUNTER", "DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_MEM_COPY_UTIL", "DCGM_FI_DEV_ENC_UTIL",
        "DCGM_FI_DEV_DEC_UTIL", "DCGM_FI_DEV_XID_ERRORS", "DCGM_FI_DEV_FB_FREE", "DCGM_FI_DEV_FB_USED",
        "DCGM_FI_DEV_FB_RESERVED", "DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL", "DCGM_FI_DEV_VGPU_LICENSE_STATUS",
        "DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS", "DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS",
        "DCGM_FI_DEV_ROW_REMAP_FAILURE", "DCGM_FI_PROF_GR_ENGINE_ACTIVE", "DCGM_FI_PROF_PIPE_TENSOR_ACTIVE",
        "DCGM_FI_PROF_DRAM_ACTIVE", "DCGM_FI_PROF_PCIE_TX_BYTES", "DCGM_FI_PROF_PCIE_RX_BYTES"};
    for (String field : fields) {
      for (int gpu = 0; gpu < 8; gpu++) {
        doc.append(field).append(String.format(Locale.ROOT,
            "{gpu=\"%d\",UUID=\"GPU-0001-%d\",pci_bus_id=\"00000000:%02X:00.0\",device=\"nvidia%d\","
                + "modelName=\"NVIDIA H100 80GB HBM3\",Hostname=\"node0001\",DCGM_FI_DRIVER_VERSION=\"535.129.03\","
                + "container=\"\",namespace=\"\",pod=\"\"} 0.523000%n", gpu, gpu, 0x1A + gpu, gpu));
      }
    }
    exposition = doc.toString();
    mapper = new ExpositionMapper(ExporterDialect.ALL, new ExpositionMapper.Settings(host -> "c01", null,
        TenantRule.defaults(), RecordValidator.anyTime()));
    for (int i = 0; i < SAMPLES; i++) {
      encoded.add(codec.encode(GpuSample.newBuilder().setCenter("c01").setHost("node0001")
          .setDeviceUuid("GPU-0001-" + (i % 8)).setDeviceIndex(i % 8).setVendor("nvidia")
          .setModel("NVIDIA H100 80GB HBM3").setEventTime(Instant.ofEpochMilli(1_700_000_000_000L + i * 1000L))
          .setGpuUtil(97.0).setSmActive(0.8).setPowerW(512.3).setFbUsedMib(80000.0).setTemperatureC(61.0)
          .setXidLast(0).setSource("dcgm-exporter").build()));
      Reading r = new Reading();
      r.deviceKey = DeviceKeys.of("c01", "GPU-0001-0");
      r.eventTime = 1_700_000_000_000L + (i % 10) * 30_000L;
      r.gpuUtil = 90;
      r.smActive = 0.7;
      r.powerW = 450;
      readings.add(r);
    }
  }

  /** Lines of a dcgm-exporter scrape (25 default fields x 8 GPUs) parsed per second. */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public ExpositionParser.Result parseExpositionLines() {
    return parser.parse(exposition);
  }

  /** Lines parsed and mapped to samples (8 per scrape) per second. */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public void parseAndMapExpositionLines(Blackhole bh) {
    ExpositionParser.Result r = parser.parse(exposition);
    mapper.map(r.samples(), r.errors(), new ExpositionMapper.Source("scrape", "bench", "node0001", scrapeTime += 30_000),
        bh::consume, bh::consume);
  }

  /** Avro single-object samples decoded per second (into a reused record, as the job does). */
  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public void decodeAvroSamples(Blackhole bh) throws Exception {
    for (byte[] bytes : encoded) {
      bh.consume(codec.decode(bytes, reuse));
    }
  }

  /** Readings added to device-window accumulators per second (10 per window, as at a 30 s cadence). */
  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public void aggregateReadings(Blackhole bh) {
    DeviceWindowAccumulator acc = new DeviceWindowAccumulator();
    for (int i = 0; i < readings.size(); i++) {
      if (i % 10 == 0) {
        bh.consume(acc);
        acc = new DeviceWindowAccumulator();
      }
      acc.add(readings.get(i));
    }
    bh.consume(acc);
  }
}

package org.litmeter.benchmarks;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.litmeter.detect.DetectorSettings;
import org.litmeter.jobs.functions.CenterWindowFunction;
import org.litmeter.jobs.functions.DetectionFunction;
import org.litmeter.jobs.model.CenterSignal;
import org.litmeter.rates.DeviceWindow;
import org.litmeter.rates.FixedPoint;
import org.litmeter.rates.WindowClock;
import org.litmeter.schema.Alert;
import org.litmeter.schema.CenterRegistration;
import org.litmeter.schema.Region;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One center's detection operator at growing size, on either state backend: each invocation is
 * one five-minute window of {@code devices} device verdicts arriving and the window closing (the
 * detectors run, their state is written). Divide the time per window by the devices for the cost
 * per device-window; it should not grow with the center.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx2g", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=org.litmeter.schema"})
public class CenterScaleBenchmarks {

  private static final long T0 = Instant.parse("2026-06-01T00:00:00Z").toEpochMilli();
  private static final long WINDOW = 300_000L;
  private static final String CENTER = "scale";
  private static final WindowClock CLOCK = new WindowClock(60_000);

  @Param({"256", "1024", "4096", "16384"})
  public int devices;

  @Param({"hashmap", "rocksdb"})
  public String backend;

  private KeyedBroadcastOperatorTestHarness<String, CenterSignal, CenterRegistration, Alert> harness;
  private final List<String> ids = new ArrayList<>();
  private int window;

  @Setup(Level.Trial)
  public void open() throws Exception {
    harness = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
        new DetectionFunction(CLOCK, ZoneOffset.ofHours(8), DetectorSettings.defaults()),
        List.of(CenterWindowFunction.REGISTRY)), CenterSignal::center, Types.STRING, 1, 1, 0);
    StateBackend state = backend.equals("rocksdb") ? new EmbeddedRocksDBStateBackend() : new HashMapStateBackend();
    harness.setStateBackend(state);
    harness.open();
    harness.processBroadcastElement(CenterRegistration.newBuilder().setCenterId(CENTER).setName(CENTER)
        .setProvince("Guizhou").setRegion(Region.WEST).setPlannedAccelerators(devices)
        .setUpdatedAt(Instant.ofEpochMilli(T0)).build(), T0);
    for (int i = 0; i < devices; i++) {
      ids.add(String.format("GPU-%08x", i * 2654435761L & 0xffffffffL));
    }
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    harness.close();
  }

  /** One window of every device arriving, then closed by the watermark. */
  @Benchmark
  public int oneWindow() throws Exception {
    long start = T0 + window * WINDOW;
    for (int i = 0; i < devices; i++) {
      harness.processElement(CenterSignal.of(verdict(ids.get(i), start, i)), start + 1000);
    }
    window++;
    harness.processWatermark(CLOCK.closeTime(start + WINDOW));
    int alerts = harness.getOutput().size();
    harness.getOutput().clear();
    return alerts;
  }

  /** A busy racked device, a third of them leased, each its own sample values. */
  private static DeviceWindow verdict(String id, long start, int i) {
    DeviceWindow w = new DeviceWindow();
    w.center = CENTER;
    w.deviceUuid = id;
    w.windowStart = start;
    w.racked = true;
    w.lit = true;
    w.occupied = i % 3 == 0;
    w.tenant = w.occupied ? "tenant-" + i % 7 : null;
    w.sampleCount = 10;
    w.utilCount = 10;
    double util = 40 + i % 50;
    w.utilSumMicro = FixedPoint.toMicro(util) * 10;
    w.utilMin = util - 5;
    w.utilMax = util + 5;
    w.smCount = 10;
    w.smSumMicro = FixedPoint.toMicro(0.3 + (i % 10) / 20.0) * 10;
    w.meanPowerW = 300 + i % 100;
    w.powerMinWatts = 100;
    return w;
  }
}

package org.litmeter.jobs.functions;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.litmeter.schema.DeadLetters;
import org.litmeter.rates.WindowClock;
import org.litmeter.jobs.model.DeviceChange;
import org.litmeter.rates.DeviceHistory;
import org.litmeter.rates.DeviceKeys;
import org.litmeter.rates.DeviceWindow;
import org.litmeter.rates.DeviceWindowAccumulator;
import org.litmeter.rates.LitThresholds;
import org.litmeter.rates.RateRules;
import org.litmeter.rates.Reading;
import org.litmeter.rates.Resolution;
import org.litmeter.schema.DeadLetter;
import org.litmeter.schema.RejectReason;
import org.litmeter.schema.Topics;

/**
 * Per device (keyed by center and device UUID): collects its readings into five-minute windows,
 * keeps its inventory and lease history, and when a window closes emits the device's verdict for
 * it ({@link RateRules#closeDeviceWindow}). Window state and timers are released as windows close;
 * what stays per device is its last inventory and lease state, only while it matters (out of
 * service, or leased), and its last closed window for a day after it (one timer per device and
 * day forgets it).
 *
 * <p>Readings too late for their window are normally caught earlier and deterministically by
 * {@link PartitionLatenessFunction}. A reading can still find its window closed here when its
 * partition fell behind the others by more than the idleness timeout; it then goes to the
 * {@link #LATE} side output as a dead letter too.
 */
public class DeviceWindowFunction extends KeyedCoProcessFunction<String, Reading, DeviceChange, DeviceWindow> {

  public static final OutputTag<DeadLetter> LATE =
      new OutputTag<>("late-samples", new AvroTypeInfo<>(DeadLetter.class));

  private final WindowClock clock;
  private final LitThresholds thresholds;

  private transient MapState<Long, DeviceWindowAccumulator> windows;
  private transient ValueState<DeviceHistory> history;
  /**
   * How many of the device's windows are open. Asking the map whether it is empty would, on
   * RocksDB, walk past the deleted entries of every window closed since the last compaction.
   */
  private transient ValueState<Integer> openWindows;
  private transient Counter lateDropped;
  private transient Counter duplicates;

  public DeviceWindowFunction(WindowClock clock, LitThresholds thresholds) {
    this.clock = clock;
    this.thresholds = thresholds;
  }

  @Override
  public void open(OpenContext openContext) {
    windows = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("windows", Long.class, DeviceWindowAccumulator.class));
    history = getRuntimeContext().getState(new ValueStateDescriptor<>("history", DeviceHistory.class));
    openWindows = getRuntimeContext().getState(new ValueStateDescriptor<>("open-windows", Types.INT));
    lateDropped = getRuntimeContext().getMetricGroup().counter("lateSamplesDropped");
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicateSamples");
  }

  @Override
  public void processElement1(Reading r, Context ctx, Collector<DeviceWindow> out) throws Exception {
    long windowStart = Math.floorDiv(r.eventTime, Resolution.BASE_MILLIS) * Resolution.BASE_MILLIS;
    long closeTime = clock.closeTime(windowStart + Resolution.BASE_MILLIS);
    if (closeTime <= ctx.timerService().currentWatermark()) {
      lateDropped.inc();
      ctx.output(LATE, DeadLetters.of(DeadLetters.JOB, DeadLetters.kafkaOrigin(Topics.TELEMETRY.name(), r.partition, r.offset),
          RejectReason.LATE,
          "arrived after its window [" + windowStart + ", +5m) closed at watermark "
              + ctx.timerService().currentWatermark() + " (its partition was behind the others)",
          DeviceKeys.center(r.deviceKey), DeviceKeys.device(r.deviceKey), r.eventTime, r.toString()));
      return;
    }
    DeviceWindowAccumulator acc = windows.get(windowStart);
    if (acc == null) {
      acc = new DeviceWindowAccumulator();
      ctx.timerService().registerEventTimeTimer(closeTime);
      openWindows.update(openWindows() + 1);
    }
    if (!acc.add(r)) {
      duplicates.inc();
    }
    windows.put(windowStart, acc);
  }

  @Override
  public void processElement2(DeviceChange change, Context ctx, Collector<DeviceWindow> out) throws Exception {
    DeviceHistory h = historyOrNew();
    if (change.inventory != null) {
      h.addInventory(change.inventory, change.eventTime);
    } else {
      h.addLease(change.lease, change.eventTime, change.tenant);
    }
    history.update(h);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<DeviceWindow> out) throws Exception {
    long windowStart = clock.windowEnd(timestamp) - Resolution.BASE_MILLIS;
    DeviceWindowAccumulator acc = windows.get(windowStart);
    DeviceHistory h = history.value();
    if (acc == null && h == null) {
      return;
    }
    h = h == null ? new DeviceHistory() : h;
    if (acc != null) {
      windows.remove(windowStart);
      int stillOpen = openWindows() - 1;
      if (stillOpen > 0) {
        openWindows.update(stillOpen);
      } else {
        openWindows.clear();
      }
      String key = ctx.getCurrentKey();
      out.collect(RateRules.closeDeviceWindow(DeviceKeys.center(key), DeviceKeys.device(key), windowStart, acc, h,
          thresholds));
      // windows close in time order, so no open window can need events before the next one starts
      h.forgetBefore(windowStart + Resolution.BASE_MILLIS);
      if (h.continuityTimer == 0) {
        h.continuityTimer = continuityTimer(h);
        ctx.timerService().registerEventTimeTimer(h.continuityTimer);
      }
    }
    if (timestamp == h.continuityTimer) {
      // the last window is forgotten once every window that could compare with it has closed
      long due = continuityTimer(h);
      if (due <= timestamp) {
        h.forgetLastWindow();
        h.continuityTimer = 0;
      } else {
        h.continuityTimer = due;
        ctx.timerService().registerEventTimeTimer(due);
      }
    }
    if (openWindows() == 0 && h.eventCount() == 0 && h.lastWindowStart == DeviceHistory.NONE) {
      history.clear();
    } else {
      history.update(h);
    }
  }

  /** When the last window closes that could still compare with the device's last closed window. */
  private long continuityTimer(DeviceHistory h) {
    return clock.closeTime(h.lastWindowStart + DeviceHistory.CONTINUITY + Resolution.BASE_MILLIS);
  }

  private int openWindows() throws java.io.IOException {
    Integer n = openWindows.value();
    return n == null ? 0 : n;
  }

  private DeviceHistory historyOrNew() throws java.io.IOException {
    DeviceHistory h = history.value();
    return h == null ? new DeviceHistory() : h;
  }
}

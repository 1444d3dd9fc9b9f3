package org.litmeter.jobs.functions;

import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.litmeter.detect.AcceptancePeriods;
import org.litmeter.detect.CenterDetectors;
import org.litmeter.detect.DetectorSettings;
import org.litmeter.jobs.model.CenterSignal;
import org.litmeter.jobs.model.DeviceChange;
import org.litmeter.rates.DeviceWindow;
import org.litmeter.rates.Resolution;
import org.litmeter.rates.WindowClock;
import org.litmeter.schema.Alert;
import org.litmeter.schema.CenterRegistration;

/**
 * Per center: runs the detectors ({@link CenterDetectors}) on the device verdicts and inventory
 * changes of each window as it closes, and on each day as it ends; the acceptance
 * period comes from the registry. When a center goes quiet, a timer one grace period after its last
 * window still looks for vanished devices, except when that timer only fires because a bounded input ended.
 *
 * <p>The verdicts and changes of the windows not yet closed wait in {@link WindowBuffer}s, which
 * on RocksDB cost the same per device whatever the center's size.
 */
public class DetectionFunction extends KeyedBroadcastProcessFunction<String, CenterSignal, CenterRegistration, Alert> {

  private final WindowClock clock;
  private final ZoneOffset dayOffset;
  private final DetectorSettings settings;
  private transient WindowBuffer<DeviceWindow> windows;
  private transient WindowBuffer<DeviceChange> changes;
  private transient ValueState<CenterDetectors> detectors;
  private transient ValueState<Long> quietTimer;

  public DetectionFunction(WindowClock clock, ZoneOffset dayOffset, DetectorSettings settings) {
    this.clock = clock;
    this.dayOffset = dayOffset;
    this.settings = settings;
  }

  @Override
  public void open(OpenContext openContext) {
    windows = new WindowBuffer<>(getRuntimeContext(), "device-windows", Types.POJO(DeviceWindow.class));
    changes = new WindowBuffer<>(getRuntimeContext(), "inventory-changes", Types.POJO(DeviceChange.class));
    detectors = getRuntimeContext().getState(new ValueStateDescriptor<>("detectors", CenterDetectors.class));
    quietTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("quiet-timer", Types.LONG));
  }

  @Override
  public void processElement(CenterSignal signal, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
    if (signal.change != null) {
      // leases reach the detectors through the device windows; inventory changes wait for their
      // window to close, so that a removal and a later racking apply in event-time order
      if (signal.change.inventory != null) {
        long windowStart = Resolution.FIVE_MINUTES.windowStart(signal.change.eventTime, dayOffset);
        if (changes.add(windowStart, signal.change)) {
          ctx.timerService().registerEventTimeTimer(clock.closeTime(windowStart + Resolution.BASE_MILLIS));
        }
      }
      return;
    }
    DeviceWindow w = signal.window;
    if (windows.add(w.windowStart, w)) {
      ctx.timerService().registerEventTimeTimer(clock.closeTime(w.windowStart + Resolution.BASE_MILLIS));
    }
  }

  @Override
  public void processBroadcastElement(CenterRegistration center, Context ctx, Collector<Alert> out) throws Exception {
    RegistryState.keepNewest(ctx.getBroadcastState(CenterWindowFunction.REGISTRY), center);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
    String center = ctx.getCurrentKey();
    CenterDetectors d = detectors();
    long windowEnd = clock.windowEnd(timestamp);
    long windowStart = windowEnd - Resolution.BASE_MILLIS;
    List<DeviceWindow> devices = windows.take(windowStart);
    List<DeviceChange> inventory = changes.take(windowStart);
    if (inventory != null) {
      inventory.sort(Comparator.comparingLong((DeviceChange c) -> c.eventTime).thenComparing(c -> c.deviceUuid));
      for (DeviceChange c : inventory) {
        d.onInventory(c.deviceUuid, c.inventory, c.eventTime).forEach(out::collect);
      }
      detectors.update(d);
    }
    if (devices == null && inventory != null) {
      return;
    }
    if (devices == null) {
      // the quiet timer: the center sent nothing for a grace period, unless the input simply ended
      // (a bounded replay ends with an infinite watermark, which says nothing about silence)
      quietTimer.clear();
      if (ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
        d.onQuiet(center, timestamp, settings).forEach(out::collect);
        detectors.update(d);
      }
      return;
    }
    devices.sort(Comparator.comparing(w -> w.deviceUuid));
    CenterRegistration registration = ctx.getBroadcastState(CenterWindowFunction.REGISTRY).get(center);
    d.onWindow(center, windowStart, Resolution.DAY.windowStart(windowStart, dayOffset), devices,
        AcceptancePeriods.of(registration, dayOffset), settings).forEach(out::collect);
    detectors.update(d);

    Long previous = quietTimer.value();
    if (previous != null) {
      ctx.timerService().deleteEventTimeTimer(previous);
    }
    long quiet = windowEnd + settings.vanishGrace().toMillis();
    ctx.timerService().registerEventTimeTimer(quiet);
    quietTimer.update(quiet);
  }

  private CenterDetectors detectors() throws java.io.IOException {
    CenterDetectors d = detectors.value();
    return d == null ? new CenterDetectors() : d;
  }
}

package org.litmeter.jobs.functions;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.litmeter.detect.DetectorSettings;
import org.litmeter.detect.DeviceIdentityDetector;
import org.litmeter.jobs.model.DeviceChange;
import org.litmeter.rates.DeviceWindow;
import org.litmeter.rates.Resolution;
import org.litmeter.schema.Alert;

/**
 * Per device UUID, across centers: {@link DeviceIdentityDetector} on its racked windows, its
 * inventory records and reports of more memory than its model has. A device silent everywhere and absent from the inventory for the detector's
 * memory (two years by default) is forgotten: a timer clears its state.
 */
public class DeviceIdentityFunction extends KeyedCoProcessFunction<String, DeviceWindow, DeviceChange, Alert> {

  private final DetectorSettings settings;
  private transient ValueState<DeviceIdentityDetector> detector;
  private transient ValueState<Long> forgetAt;

  public DeviceIdentityFunction(DetectorSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext openContext) {
    detector = getRuntimeContext().getState(new ValueStateDescriptor<>("resold", DeviceIdentityDetector.class));
    forgetAt = getRuntimeContext().getState(new ValueStateDescriptor<>("forget-at", Types.LONG));
  }

  @Override
  public void processElement1(DeviceWindow w, Context ctx, Collector<Alert> out) throws Exception {
    if (!w.racked) {
      return;
    }
    DeviceIdentityDetector d = detector();
    long windowEnd = w.windowStart + Resolution.BASE_MILLIS;
    d.onWindow(w.deviceUuid, w.center, w.windowStart, windowEnd).forEach(out::collect);
    detector.update(d);
    remember(windowEnd, ctx);
  }

  @Override
  public void processElement2(DeviceChange change, Context ctx, Collector<Alert> out) throws Exception {
    if (change.inventory == null && change.memoryMib == 0) {
      return;
    }
    DeviceIdentityDetector d = detector();
    if (change.inventory != null) {
      d.onInventory(change.deviceUuid, change.center, change.inventory, change.serial, change.eventTime)
          .forEach(out::collect);
    } else {
      d.onOversizedMemory(change.deviceUuid, change.center, change.model, change.memoryMib,
          change.nominalMemoryMib, change.eventTime).forEach(out::collect);
    }
    detector.update(d);
    remember(change.eventTime, ctx);
  }

  private void remember(long seenAt, Context ctx) throws java.io.IOException {
    long forget = seenAt + settings.resoldMemory().toMillis();
    Long previous = forgetAt.value();
    if (previous == null || previous < forget) {
      if (previous != null) {
        ctx.timerService().deleteEventTimeTimer(previous);
      }
      ctx.timerService().registerEventTimeTimer(forget);
      forgetAt.update(forget);
    }
  }

  private DeviceIdentityDetector detector() throws java.io.IOException {
    DeviceIdentityDetector d = detector.value();
    return d == null ? new DeviceIdentityDetector() : d;
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) {
    detector.clear();
    forgetAt.clear();
  }
}

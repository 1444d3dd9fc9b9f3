package org.litmeter.jobs.functions;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.litmeter.detect.DetectorSettings;
import org.litmeter.detect.ResoldDeviceDetector;
import org.litmeter.rates.DeviceWindow;
import org.litmeter.rates.Resolution;
import org.litmeter.schema.Alert;

/**
 * Per device UUID, across centers: {@link ResoldDeviceDetector} on its racked windows. A device
 * silent everywhere for the detector's window is forgotten (a timer clears its state): nothing it
 * did before can pair with what it does next.
 */
public class ResoldDeviceFunction extends KeyedProcessFunction<String, DeviceWindow, Alert> {

  private final DetectorSettings settings;
  private transient ValueState<ResoldDeviceDetector> detector;
  private transient ValueState<Long> forgetAt;

  public ResoldDeviceFunction(DetectorSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext openContext) {
    detector = getRuntimeContext().getState(new ValueStateDescriptor<>("resold", ResoldDeviceDetector.class));
    forgetAt = getRuntimeContext().getState(new ValueStateDescriptor<>("forget-at", Types.LONG));
  }

  @Override
  public void processElement(DeviceWindow w, Context ctx, Collector<Alert> out) throws Exception {
    if (!w.racked) {
      return;
    }
    ResoldDeviceDetector d = detector.value();
    if (d == null) {
      d = new ResoldDeviceDetector();
    }
    long windowEnd = w.windowStart + Resolution.BASE_MILLIS;
    d.onWindow(w.deviceUuid, w.center, w.windowStart, windowEnd, settings).forEach(out::collect);
    detector.update(d);
    long forget = windowEnd + settings.resoldWithin().toMillis();
    Long previous = forgetAt.value();
    if (previous == null || previous < forget) {
      if (previous != null) {
        ctx.timerService().deleteEventTimeTimer(previous);
      }
      ctx.timerService().registerEventTimeTimer(forget);
      forgetAt.update(forget);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) {
    detector.clear();
    forgetAt.clear();
  }
}

package org.litmeter.jobs.functions;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.litmeter.detect.DetectorSettings;
import org.litmeter.detect.ResoldDeviceDetector;
import org.litmeter.rates.DeviceWindow;
import org.litmeter.rates.Resolution;
import org.litmeter.schema.Alert;

/** Per device UUID, across centers: {@link ResoldDeviceDetector} on its racked windows. */
public class ResoldDeviceFunction extends KeyedProcessFunction<String, DeviceWindow, Alert> {

  private final DetectorSettings settings;
  private transient ValueState<ResoldDeviceDetector> detector;

  public ResoldDeviceFunction(DetectorSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext openContext) {
    detector = getRuntimeContext().getState(new ValueStateDescriptor<>("resold", ResoldDeviceDetector.class));
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
    d.onWindow(w.deviceUuid, w.center, w.windowStart, w.windowStart + Resolution.BASE_MILLIS, settings)
        .forEach(out::collect);
    detector.update(d);
  }
}

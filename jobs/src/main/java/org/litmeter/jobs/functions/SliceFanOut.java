package org.litmeter.jobs.functions;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.litmeter.rates.DeviceWindow;
import org.litmeter.rates.Slice;

/**
 * Counts each device verdict in the slices of its center it belongs to: its vendor and model, and
 * the tenant of the window when it was occupied.
 */
public class SliceFanOut implements FlatMapFunction<DeviceWindow, DeviceWindow> {

  @Override
  public void flatMap(DeviceWindow w, Collector<DeviceWindow> out) {
    out.collect(w.inSlice(Slice.model(nonNull(w.vendor), nonNull(w.model))));
    if (w.tenant != null) {
      out.collect(w.inSlice(Slice.tenant(w.tenant)));
    }
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}

package org.litmeter.jobs.model;

import org.litmeter.rates.DeviceWindow;

/** What the detectors of a center receive: a device's window verdict or a device's inventory or lease change. */
public class CenterSignal {

  public DeviceWindow window;
  public DeviceChange change;

  public CenterSignal() {}

  public static CenterSignal of(DeviceWindow window) {
    CenterSignal s = new CenterSignal();
    s.window = window;
    return s;
  }

  public static CenterSignal of(DeviceChange change) {
    CenterSignal s = new CenterSignal();
    s.change = change;
    return s;
  }

  public String center() {
    return window != null ? window.center : change.center;
  }
}

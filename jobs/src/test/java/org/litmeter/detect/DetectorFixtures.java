package org.litmeter.detect;

import java.util.ArrayList;
import java.util.List;
import org.litmeter.rates.DeviceWindow;
import org.litmeter.rates.FixedPoint;
import org.litmeter.rates.RatesFixtures;
import org.litmeter.schema.Alert;
import org.litmeter.schema.AlertStatus;

/** Device-window builders for the detector tests: windows are five minutes after {@link #T0}. */
public class DetectorFixtures extends RatesFixtures {

  public static final DetectorSettings S = DetectorSettings.defaults();

  private static final AlertText CHINESE = AlertText.in(AlertText.Language.ZH_CN);

  /** What people read about an alert: its English summary, then its Chinese one. */
  public static List<String> texts(Alert alert) {
    return List.of(alert.getSummary(), CHINESE.summary(alert));
  }

  public static long windowStart(int index) {
    return T0 + index * FIVE_MINUTES;
  }

  /** A racked device's window with a mean utilization, SM activity (NaN: none) and power. */
  public static DeviceWindow device(String id, int window, double util, double sm, double power) {
    DeviceWindow w = new DeviceWindow();
    w.center = CENTER;
    w.deviceUuid = id;
    w.windowStart = windowStart(window);
    w.racked = true;
    w.sampleCount = 5;
    w.utilCount = 5;
    w.utilSumMicro = FixedPoint.toMicro(util) * 5;
    w.utilMin = util - 2;
    w.utilMax = util + 2;
    if (!Double.isNaN(sm)) {
      w.smCount = 5;
      w.smSumMicro = FixedPoint.toMicro(sm) * 5;
    }
    w.meanPowerW = power;
    w.powerMinWatts = 100;
    w.lit = !Double.isNaN(sm) ? sm >= 0.05 : util >= 10 && power >= 100;
    return w;
  }

  public static DeviceWindow flat(DeviceWindow w) {
    w.utilMin = w.meanGpuUtil();
    w.utilMax = w.meanGpuUtil();
    return w;
  }

  public static DeviceWindow leased(DeviceWindow w, String tenant) {
    w.tenant = tenant;
    w.occupied = true;
    return w;
  }

  public static List<Alert> firing(List<Alert> alerts) {
    List<Alert> out = new ArrayList<>();
    alerts.stream().filter(a -> a.getStatus() == AlertStatus.FIRING).forEach(out::add);
    return out;
  }
}

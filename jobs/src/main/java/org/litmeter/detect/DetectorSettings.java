package org.litmeter.detect;

import java.io.Serializable;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.litmeter.schema.Durations;

/**
 * Thresholds and windows of the detectors, with defaults justified in {@code docs/detection.md}.
 * Window counts are five-minute windows; day counts are days of the configured day offset.
 */
public record DetectorSettings(
    // hollow load: utilization pegged while the real-work signals stay idle
    double hollowUtilMin,
    double hollowSmActiveMax,
    int hollowWindows,
    // synthetic load: utilization too flat for too long
    double syntheticUtilMin,
    double syntheticRangeMax,
    int syntheticWindows,
    int syntheticMinSamplesPerWindow,
    int identicalMinDevices,
    double identicalMinShare,
    double identicalUtilMin,
    // lit but unoccupied
    int litUnoccupiedMinDevices,
    double litUnoccupiedMinShare,
    int litUnoccupiedWindows,
    // vanished and resold cards
    Duration vanishGrace,
    int massVanishMinDevices,
    double massVanishMinShare,
    Duration resoldMemory,
    // acceptance cliff and acceptance-aligned tenants
    int cliffMinAcceptanceDays,
    int cliffHorizonDays,
    int cliffBeforeDays,
    double cliffMinPriorShare,
    int cliffStayDays,
    double cliffMinRelativeDrop,
    double cliffMinShareOfDaysBelow,
    double cliffMinDevicesLost,
    int alignedToleranceDays,
    double alignedMinShare,
    double alignedMinCoverage,
    int alignedMaxGapDays,
    double alignedMinStrengthAtExit,
    double alignedMinLoadNotReplaced,
    int alignedAbsentDays) implements Serializable {

  public static DetectorSettings defaults() {
    return new DetectorSettings(
        80.0, 0.05, 6,
        50.0, 0.5, 24, 3, 5, 0.5, 10.0,
        2, 0.10, 12,
        Duration.ofHours(24), 10, 0.20, Duration.ofDays(730),
        14, 90, 14, 0.75, 21, 0.5, 0.6, 1.0,
        7, 0.10, 0.95, 2, 0.75, 0.5, 56);
  }

  /**
   * These settings with some replaced: keys are the component names above (e.g. {@code
   * hollowUtilMin=85}, {@code vanishGrace=12h}); numbers as Java parses them, durations as {@link Durations} reads them.
   *
   * @throws IllegalArgumentException on an unknown name or a value that does not parse
   */
  public DetectorSettings with(Map<String, String> overrides) {
    RecordComponent[] components = DetectorSettings.class.getRecordComponents();
    Map<String, RecordComponent> byName = new LinkedHashMap<>();
    for (RecordComponent c : components) {
      byName.put(c.getName(), c);
    }
    for (String name : overrides.keySet()) {
      if (!byName.containsKey(name)) {
        throw new IllegalArgumentException("unknown detector setting '" + name + "'; known: " + byName.keySet());
      }
    }
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      types[i] = c.getType();
      String text = overrides.get(c.getName());
      try {
        values[i] = text == null ? c.getAccessor().invoke(this) : parse(c.getType(), text.strip());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("detector setting " + c.getName() + "=" + text + ": " + e.getMessage(), e);
      }
    }
    try {
      return DetectorSettings.class.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object parse(Class<?> type, String text) {
    if (type == double.class) {
      return Double.parseDouble(text);
    }
    if (type == int.class) {
      return Integer.parseInt(text);
    }
    if (type == Duration.class) {
      return Durations.parse(text);
    }
    throw new IllegalStateException("no parser for " + type);
  }
}

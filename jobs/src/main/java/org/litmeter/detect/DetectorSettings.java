package org.litmeter.detect;

import java.io.Serializable;
import java.time.Duration;

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
    // lit but unoccupied
    int litUnoccupiedMinDevices,
    double litUnoccupiedMinShare,
    int litUnoccupiedWindows,
    // vanished and resold cards
    Duration vanishGrace,
    int massVanishMinDevices,
    double massVanishMinShare,
    Duration resoldWithin,
    // acceptance cliff and acceptance-aligned tenants
    int cliffMinAcceptanceDays,
    int cliffDropWithinDays,
    int cliffStayDays,
    double cliffMinRelativeDrop,
    int alignedToleranceDays,
    double alignedMinShare) implements Serializable {

  public static DetectorSettings defaults() {
    return new DetectorSettings(
        80.0, 0.05, 6,
        50.0, 0.5, 24, 3, 5, 0.5,
        2, 0.10, 12,
        Duration.ofHours(24), 10, 0.20, Duration.ofDays(7),
        14, 14, 14, 0.5, 7, 0.10);
  }
}

package org.litmeter.simulation;

/**
 * A rates row as the ground truth says it must be: device-windows summed over the five-minute
 * windows of the row, for a center, a province, a region (east, west) or the nation.
 *
 * @param scope center, province, region or nation
 * @param resolution 5m, 1h or 1d
 * @param slice null for the whole scope, else {@code model <vendor>/<model>} or {@code tenant <tenant>}
 * @param stability the stability of its racked devices
 */
public record ExpectedRow(String scope, String scopeId, String resolution, long windowStart, long planned,
    int centers, int reportingCenters, int reportedWindows, long racked, long lit, long occupied, long samples,
    long unrackedSamples, String slice, WindowTruth.Stability stability) {

  /** The length of a window of {@code resolution} (5m, 1h or 1d), in milliseconds. */
  public static long lengthOf(String resolution) {
    return switch (resolution) {
      case "5m" -> 300_000L;
      case "1h" -> 3_600_000L;
      default -> 86_400_000L;
    };
  }

  public long windowEnd() {
    return windowStart + lengthOf(resolution);
  }

  /** Same form as the rows the tests read back from ClickHouse. */
  public String key() {
    return scope + "/" + scopeId + "/" + resolution + "/" + windowStart + (slice == null ? "" : " " + slice);
  }
}

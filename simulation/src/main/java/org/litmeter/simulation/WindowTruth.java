package org.litmeter.simulation;

/**
 * What the simulator knows about one center's five-minute window: by construction, not by
 * measurement. {@code samples} counts the distinct samples of racked devices that arrive in time;
 * {@code unrackedSamples} those of devices out of service at the window's end. {@code slice} is null
 * for the whole center, else the part of its devices the counts are about ({@code model <vendor>/<model>},
 * {@code tenant <tenant>}), and {@code stability} what its racked devices went through.
 */
public record WindowTruth(String center, long windowStart, int planned, int racked, int lit, int occupied,
    long samples, long unrackedSamples, String slice, Stability stability) {

  /**
   * Racked device-windows with an error, error episodes begun, dropouts, their silent windows,
   * resets, and the erroring windows by class (application, memory, interconnect, hardware,
   * firmware, unlisted).
   */
  public record Stability(long erroring, long errorOnsets, long dropouts, long silentWindows, long resets,
      long[] erroringByClass) {}

  /** The vendor label of a model slice; null for a center or a tenant. */
  public String vendor() {
    return slice != null && slice.startsWith("model ") ? slice.substring("model ".length(), slice.indexOf('/')) : null;
  }

  /** The tenant of a tenant slice; null for a center or a model. */
  public String tenant() {
    return slice != null && slice.startsWith("tenant ") ? slice.substring("tenant ".length()) : null;
  }
}

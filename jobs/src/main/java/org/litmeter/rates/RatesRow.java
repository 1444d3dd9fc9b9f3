package org.litmeter.rates;

/**
 * The facts of one rates row: which scope and window, how many centers and accelerators are
 * planned, and the totals. The rates themselves are derived by {@link RateRules}.
 */
public class RatesRow {

  public Scope scope;
  public String scopeId;
  public Resolution resolution;
  public long windowStart;
  public long windowEnd;
  public int reportedWindows;
  public int centers;
  public int reportingCenters;
  public long planned;
  /** For center rows: where the center is, so that rollups can group it. */
  public String province;
  public String region;
  /** Null for the whole scope; else the part of its accelerators the row is about. */
  public Slice slice;
  public WindowTotals totals = new WindowTotals();
  /** {@link Revisions#LIVE}, or the number of the restatement that computed the row. */
  public long revision = Revisions.LIVE;

  public RatesRow() {}

  /** The identity of the row: a replay must produce the same key with the same values. */
  public String key() {
    return scope.label() + "/" + scopeId + "/" + resolution.label() + "/" + windowStart
        + (slice == null ? "" : " " + slice);
  }

  @Override
  public String toString() {
    return "RatesRow{" + key() + " planned=" + planned + " racked=" + totals.rackedDeviceWindows
        + " lit=" + totals.litDeviceWindows + " occupied=" + totals.occupiedDeviceWindows + "}";
  }
}

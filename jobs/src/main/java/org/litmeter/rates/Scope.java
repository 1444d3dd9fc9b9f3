package org.litmeter.rates;

/** What a rates row describes. */
public enum Scope {
  CENTER("center"),
  PROVINCE("province"),
  REGION("region"),
  NATION("nation");

  /** The scope id of the single {@link #NATION} row. */
  public static final String NATIONAL = "national";

  private final String label;

  Scope(String label) {
    this.label = label;
  }

  /** The name in ClickHouse and in the docs. */
  public String label() {
    return label;
  }
}

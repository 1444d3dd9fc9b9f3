package org.litmeter.jobs.model;

import org.litmeter.rates.RatesRow;
import org.litmeter.rates.Scope;
import org.litmeter.rates.Slice;

/** A center's five-minute row on its way into the rollup of one scope (itself, its province, ...). */
public class ScopedRow {

  public Scope scope;
  public String scopeId;
  public RatesRow centerRow;

  public ScopedRow() {}

  public ScopedRow(Scope scope, String scopeId, RatesRow centerRow) {
    this.scope = scope;
    this.scopeId = scopeId;
    this.centerRow = centerRow;
  }

  /** The scope, and the slice of it when the row is about one. */
  public String scopeKey() {
    return Slice.keyOf(scope.label() + "/" + scopeId, centerRow.slice);
  }
}

package org.litmeter.jobs.functions;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.litmeter.jobs.model.ScopedRow;
import org.litmeter.rates.RatesRow;
import org.litmeter.rates.ScopeMembership;

/** Sends each center row to the rollups of the center itself, its province, its region and the nation. */
public class ScopeFanOut implements FlatMapFunction<RatesRow, ScopedRow> {

  @Override
  public void flatMap(RatesRow centerRow, Collector<ScopedRow> out) {
    for (ScopeMembership.ScopeId scope : ScopeMembership.scopesOf(centerRow.scopeId, centerRow.province,
        centerRow.region)) {
      out.collect(new ScopedRow(scope.scope(), scope.id(), centerRow));
    }
  }
}

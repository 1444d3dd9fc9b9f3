package org.litmeter.jobs.functions;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.litmeter.rates.Publication;
import org.litmeter.rates.RatesRow;

/** The rows a restatement publishes ({@link Publication#publishes}), stamped with its revision. */
public final class RestatedRows implements FlatMapFunction<RatesRow, RatesRow> {

  private static final long serialVersionUID = 1L;

  private final Publication publication;

  public RestatedRows(Publication publication) {
    this.publication = publication;
  }

  @Override
  public void flatMap(RatesRow row, Collector<RatesRow> out) {
    if (publication.publishes(row)) {
      row.revision = publication.revision();
      out.collect(row);
    }
  }
}

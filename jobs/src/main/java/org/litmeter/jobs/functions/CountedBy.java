package org.litmeter.jobs.functions;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Passes records on and counts them by one of their values, as a metric with that value as a
 * label (Prometheus: {@code ..._<counter>{<label>="value"}}): dead letters by reason, alerts by kind.
 */
public final class CountedBy<T> extends RichMapFunction<T, T> {

  private static final long serialVersionUID = 1L;

  private final String counter;
  private final String label;
  private final SerializableFunction<T, String> value;
  private transient Map<String, Counter> counters;
  private transient MetricGroup group;

  public CountedBy(String counter, String label, SerializableFunction<T, String> value) {
    this.counter = counter;
    this.label = label;
    this.value = value;
  }

  @Override
  public void open(OpenContext context) {
    counters = new HashMap<>();
    group = getRuntimeContext().getMetricGroup();
  }

  @Override
  public T map(T record) throws Exception {
    counters.computeIfAbsent(value.apply(record), v -> group.addGroup(label, v).counter(counter)).inc();
    return record;
  }
}

package org.litmeter.ingest.exposition;

import java.util.Map;

/**
 * One sample line of the Prometheus text exposition format or OpenMetrics: a metric name, its
 * labels, a value, and the sample's own timestamp in epoch milliseconds when the line carries one.
 *
 * @param line the line number in its document (1-based), to point at it in a dead letter
 * @param raw the line as read
 */
public record ExpositionSample(String name, Map<String, String> labels, double value, Long timestampMillis,
    int line, String raw) {

  /** A label's value, or null when the line does not carry it. */
  public String label(String key) {
    return labels.get(key);
  }
}

package org.litmeter.schema;

/**
 * Why an input was set aside as a {@link DeadLetter}. The names are stable: they are stored in
 * ClickHouse, counted in metrics and shown on dashboards.
 */
public enum RejectReason {
  /** Bytes or text that do not parse at all. */
  UNPARSABLE,
  /** Avro single-object encoding whose schema fingerprint no reader knows. */
  UNKNOWN_SCHEMA,
  /** A value of the wrong type, e.g. text where a number belongs. */
  WRONG_TYPE,
  /** A required identity field (center, device) is missing or blank. */
  MISSING_FIELD,
  /** NaN or an infinity. */
  NOT_FINITE,
  /** A physically impossible value: utilization above 100, negative power, a ratio above 1. */
  OUT_OF_RANGE,
  /** A sample without any utilization, activity or power value. */
  NO_METRICS,
  /** An event time too far in the future (clock skew) or the past. */
  TIMESTAMP_OUT_OF_RANGE,
  /** A label or id longer than the limit. */
  OVERSIZED_LABEL,
  /** A center that is not in the registry. */
  UNKNOWN_CENTER,
  /** The same device and event time seen again. */
  DUPLICATE,
  /** A sample that arrived after its window was closed. */
  LATE,
  /** An alert whose receiver could not be reached or answered with a server error; it is sent again later. */
  UNDELIVERED,
  /** An alert the receiver refused as malformed (HTTP 4xx); sending it again as it is will not help. */
  REFUSED
}

package org.litmeter.jobs;

import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneOffset;
import org.litmeter.detect.DetectorSettings;
import org.litmeter.infra.flink.StateBackend;
import org.litmeter.jobs.clickhouse.ClickHouseSink;
import org.litmeter.rates.LitThresholds;

/**
 * The knobs of the rates job, with defaults for a fleet scraped every 30 seconds.
 *
 * @param outOfOrderness how far behind the newest sample of a partition the watermark trails
 * @param allowedLateness how long after the watermark passes a window's end it still accepts samples
 * @param idleness after how long without records a partition of the inventory, lease or registry
 *     topic stops holding the watermark back (they are quiet for long stretches); zero for never
 * @param telemetryIdleness the same for a telemetry partition, longer because a telemetry partition
 *     that is merely slow must not be overtaken; zero for never (replays of a full topic)
 * @param maxPartitionDrift how far (in event time) a telemetry partition may read ahead of the
 *     slowest one before its reading pauses; without this a replay reads partitions at uneven speeds,
 *     the watermark follows the slowest, and the windows of the fast ones pile up in state; zero for
 *     no alignment
 * @param maxClockSkew how far in the future (of the wall clock) an event time may be
 * @param dayOffset the UTC offset at which daily rollups start (China Standard Time by default)
 * @param revisionPeriod how long after a window's end its rows stay preliminary: late samples are
 *     expected within it, and a row computed after it is final ({@link org.litmeter.rates.Revisions})
 * @param stateBackend where this job keeps keyed state, or null for the cluster's own setting
 */
public record RatesJobConfig(
    Duration outOfOrderness,
    Duration allowedLateness,
    Duration idleness,
    Duration telemetryIdleness,
    Duration maxPartitionDrift,
    Duration maxClockSkew,
    ZoneOffset dayOffset,
    LitThresholds thresholds,
    int parallelism,
    Duration checkpointInterval,
    ClickHouseSink.Settings sinkSettings,
    DetectorSettings detectors,
    Duration revisionPeriod,
    StateBackend stateBackend) implements Serializable {

  public static RatesJobConfig defaults() {
    return new RatesJobConfig(
        Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofMinutes(5),
        Duration.ofHours(6), Duration.ofSeconds(60), ZoneOffset.ofHours(8), LitThresholds.defaults(), 2,
        Duration.ofSeconds(10), ClickHouseSink.Settings.defaults(), DetectorSettings.defaults(), Duration.ofDays(7),
        null);
  }

  public RatesJobConfig withParallelism(int p) {
    return new RatesJobConfig(
        outOfOrderness, allowedLateness, idleness, telemetryIdleness, maxPartitionDrift, maxClockSkew, dayOffset,
        thresholds, p, checkpointInterval, sinkSettings, detectors, revisionPeriod, stateBackend);
  }

  public RatesJobConfig withCheckpointInterval(Duration interval) {
    return new RatesJobConfig(
        outOfOrderness, allowedLateness, idleness, telemetryIdleness, maxPartitionDrift, maxClockSkew, dayOffset,
        thresholds, parallelism, interval, sinkSettings, detectors, revisionPeriod, stateBackend);
  }

  public RatesJobConfig withThresholds(LitThresholds t) {
    return new RatesJobConfig(
        outOfOrderness, allowedLateness, idleness, telemetryIdleness, maxPartitionDrift, maxClockSkew, dayOffset, t,
        parallelism, checkpointInterval, sinkSettings, detectors, revisionPeriod, stateBackend);
  }

  /** For bounded runs over complete topics: every partition has its data, none need be skipped. */
  public RatesJobConfig withoutIdleness() {
    return new RatesJobConfig(
        outOfOrderness, allowedLateness, Duration.ZERO, Duration.ZERO, maxPartitionDrift, maxClockSkew, dayOffset,
        thresholds, parallelism, checkpointInterval, sinkSettings, detectors, revisionPeriod, stateBackend);
  }

  public RatesJobConfig withDetectors(DetectorSettings d) {
    return new RatesJobConfig(
        outOfOrderness, allowedLateness, idleness, telemetryIdleness, maxPartitionDrift, maxClockSkew, dayOffset,
        thresholds, parallelism, checkpointInterval, sinkSettings, d, revisionPeriod, stateBackend);
  }

  public RatesJobConfig withSinkSettings(ClickHouseSink.Settings settings) {
    return new RatesJobConfig(
        outOfOrderness, allowedLateness, idleness, telemetryIdleness, maxPartitionDrift, maxClockSkew, dayOffset,
        thresholds, parallelism, checkpointInterval, settings, detectors, revisionPeriod, stateBackend);
  }

  public RatesJobConfig withRevisionPeriod(Duration period) {
    return new RatesJobConfig(
        outOfOrderness, allowedLateness, idleness, telemetryIdleness, maxPartitionDrift, maxClockSkew, dayOffset,
        thresholds, parallelism, checkpointInterval, sinkSettings, detectors, period, stateBackend);
  }

  /**
   * Telemetry partitions may drift this far apart in event time ({@link Duration#ZERO}: no alignment,
   * for a single source that is read in event-time order).
   */
  public RatesJobConfig withMaxPartitionDrift(Duration drift) {
    return new RatesJobConfig(
        outOfOrderness, allowedLateness, idleness, telemetryIdleness, drift, maxClockSkew, dayOffset,
        thresholds, parallelism, checkpointInterval, sinkSettings, detectors, revisionPeriod, stateBackend);
  }

  /** Keyed state on {@code backend}; null: as the cluster is configured. */
  public RatesJobConfig withStateBackend(StateBackend backend) {
    return new RatesJobConfig(
        outOfOrderness, allowedLateness, idleness, telemetryIdleness, maxPartitionDrift, maxClockSkew, dayOffset,
        thresholds, parallelism, checkpointInterval, sinkSettings, detectors, revisionPeriod, backend);
  }
}

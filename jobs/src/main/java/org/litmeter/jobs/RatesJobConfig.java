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
    return new Builder().build();
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  public RatesJobConfig withParallelism(int p) {
    return toBuilder().parallelism(p).build();
  }

  public RatesJobConfig withCheckpointInterval(Duration interval) {
    return toBuilder().checkpointInterval(interval).build();
  }

  public RatesJobConfig withThresholds(LitThresholds t) {
    return toBuilder().thresholds(t).build();
  }

  /** For bounded runs over complete topics: every partition has its data, none need be skipped. */
  public RatesJobConfig withoutIdleness() {
    return toBuilder().idleness(Duration.ZERO).telemetryIdleness(Duration.ZERO).build();
  }

  public RatesJobConfig withDetectors(DetectorSettings d) {
    return toBuilder().detectors(d).build();
  }

  public RatesJobConfig withSinkSettings(ClickHouseSink.Settings settings) {
    return toBuilder().sinkSettings(settings).build();
  }

  public RatesJobConfig withRevisionPeriod(Duration period) {
    return toBuilder().revisionPeriod(period).build();
  }

  /**
   * Telemetry partitions may drift this far apart in event time ({@link Duration#ZERO}: no alignment,
   * for a single source that is read in event-time order).
   */
  public RatesJobConfig withMaxPartitionDrift(Duration drift) {
    return toBuilder().maxPartitionDrift(drift).build();
  }

  /** Keyed state on {@code backend}; null: as the cluster is configured. */
  public RatesJobConfig withStateBackend(StateBackend backend) {
    return toBuilder().stateBackend(backend).build();
  }

  /** Settings one by one, from the defaults or from a configuration ({@link #toBuilder}). */
  public static final class Builder {
    private Duration outOfOrderness = Duration.ofSeconds(30);
    private Duration allowedLateness = Duration.ofSeconds(60);
    private Duration idleness = Duration.ofSeconds(30);
    private Duration telemetryIdleness = Duration.ofMinutes(5);
    private Duration maxPartitionDrift = Duration.ofHours(6);
    private Duration maxClockSkew = Duration.ofSeconds(60);
    private ZoneOffset dayOffset = ZoneOffset.ofHours(8);
    private LitThresholds thresholds = LitThresholds.defaults();
    private int parallelism = 2;
    private Duration checkpointInterval = Duration.ofSeconds(10);
    private ClickHouseSink.Settings sinkSettings = ClickHouseSink.Settings.defaults();
    private DetectorSettings detectors = DetectorSettings.defaults();
    private Duration revisionPeriod = Duration.ofDays(7);
    private StateBackend stateBackend;

    private Builder() {}

    private Builder(RatesJobConfig c) {
      outOfOrderness = c.outOfOrderness;
      allowedLateness = c.allowedLateness;
      idleness = c.idleness;
      telemetryIdleness = c.telemetryIdleness;
      maxPartitionDrift = c.maxPartitionDrift;
      maxClockSkew = c.maxClockSkew;
      dayOffset = c.dayOffset;
      thresholds = c.thresholds;
      parallelism = c.parallelism;
      checkpointInterval = c.checkpointInterval;
      sinkSettings = c.sinkSettings;
      detectors = c.detectors;
      revisionPeriod = c.revisionPeriod;
      stateBackend = c.stateBackend;
    }

    public Builder outOfOrderness(Duration d) {
      outOfOrderness = d;
      return this;
    }

    public Builder allowedLateness(Duration d) {
      allowedLateness = d;
      return this;
    }

    public Builder idleness(Duration d) {
      idleness = d;
      return this;
    }

    public Builder telemetryIdleness(Duration d) {
      telemetryIdleness = d;
      return this;
    }

    public Builder maxPartitionDrift(Duration d) {
      maxPartitionDrift = d;
      return this;
    }

    public Builder maxClockSkew(Duration d) {
      maxClockSkew = d;
      return this;
    }

    public Builder dayOffset(ZoneOffset offset) {
      dayOffset = offset;
      return this;
    }

    public Builder thresholds(LitThresholds t) {
      thresholds = t;
      return this;
    }

    public Builder parallelism(int p) {
      parallelism = p;
      return this;
    }

    public Builder checkpointInterval(Duration d) {
      checkpointInterval = d;
      return this;
    }

    public Builder sinkSettings(ClickHouseSink.Settings s) {
      sinkSettings = s;
      return this;
    }

    public Builder detectors(DetectorSettings d) {
      detectors = d;
      return this;
    }

    public Builder revisionPeriod(Duration d) {
      revisionPeriod = d;
      return this;
    }

    public Builder stateBackend(StateBackend backend) {
      stateBackend = backend;
      return this;
    }

    public RatesJobConfig build() {
      return new RatesJobConfig(outOfOrderness, allowedLateness, idleness, telemetryIdleness, maxPartitionDrift,
          maxClockSkew, dayOffset, thresholds, parallelism, checkpointInterval, sinkSettings, detectors,
          revisionPeriod, stateBackend);
    }
  }
}

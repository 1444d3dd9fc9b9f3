-- Revisions: a rates row is published as preliminary by the live job and restated (revised) by a
-- bounded run over the samples table when late samples arrive, when history is backfilled, and
-- once its revision period has passed (final). The rates table keeps the highest revision of
-- each row; rates_history keeps every row ever written, so that what was published, when it
-- changed and why (litmeter.restatements) stays queryable.
--
-- ClickHouse cannot change a table's engine: the rates move to a new table with revision as
-- the ReplacingMergeTree version, and the old rows become revision 0.

CREATE TABLE IF NOT EXISTS litmeter.rates_revised (

  scope Enum8('center' = 1, 'province' = 2, 'region' = 3, 'nation' = 4) COMMENT 'What scope_id names',
  scope_id String COMMENT 'Center id, province, east/west, or national',
  resolution Enum8('5m' = 1, '1h' = 2, '1d' = 3) COMMENT 'Window length: 5 minutes, 1 hour, or 1 day starting at midnight China Standard Time',
  window_start DateTime COMMENT 'Start of the event-time window, UTC, inclusive',
  window_end DateTime COMMENT 'End of the window, exclusive',
  base_windows UInt16 COMMENT '5-minute windows in the window: 1, 12 or 288',
  reported_windows UInt16 COMMENT '5-minute windows in which the scope sent telemetry',
  centers UInt32 COMMENT 'Registered centers in the scope',
  reporting_centers UInt32 COMMENT 'Centers that sent telemetry in the window',
  planned UInt64 COMMENT 'Planned accelerators of the registered centers',
  racked_device_windows UInt64 COMMENT 'Sum over the 5-minute windows of racked devices',
  lit_device_windows UInt64 COMMENT 'Sum over the 5-minute windows of lit devices',
  occupied_device_windows UInt64 COMMENT 'Sum over the 5-minute windows of occupied devices',
  racked Float64 COMMENT 'Mean racked devices (racked_device_windows / base_windows)',
  lit Float64 COMMENT 'Mean lit devices',
  occupied Float64 COMMENT 'Mean occupied devices',
  racked_rate Nullable(Float64) COMMENT 'racked_device_windows / (planned * base_windows)',
  lit_rate Nullable(Float64) COMMENT 'lit_device_windows / racked_device_windows',
  occupied_rate Nullable(Float64) COMMENT 'occupied_device_windows / racked_device_windows',
  mean_gpu_util Nullable(Float64) COMMENT 'Mean GPU utilization over samples of racked devices, percent',
  mean_sm_active Nullable(Float64) COMMENT 'Mean SM activity over samples that carry it',
  energy_kwh Float64 COMMENT 'Energy of racked devices: mean power x 5 minutes per device and base window',
  sample_count UInt64 COMMENT 'Valid distinct samples of racked devices',
  late_samples UInt64 COMMENT 'Counted samples that arrived behind their partition watermark, in time for their window (0 in a restatement, which reads every sample in time order)',
  duplicate_samples UInt64 COMMENT 'Repeated samples (same device and time), dropped',
  unracked_samples UInt64 COMMENT 'Samples of devices removed or failed at the window end',
  revision UInt64 COMMENT 'Which computation wrote the row: 0 the live job, else the restatement of that number (litmeter.restatements); the highest wins',
  status Enum8('preliminary' = 1, 'final' = 2) COMMENT 'final when a restatement computed the row after its revision period had passed; rows of the live job are preliminary',
  computed_at DateTime COMMENT 'When the row was computed (wall clock, UTC)'
) ENGINE = ReplacingMergeTree(revision)
PARTITION BY toYYYYMM(window_start)
ORDER BY (scope, resolution, scope_id, window_start);

INSERT INTO litmeter.rates_revised SELECT *, 0, 'preliminary', now() FROM litmeter.rates;

RENAME TABLE litmeter.rates TO litmeter.rates_before_revisions, litmeter.rates_revised TO litmeter.rates;

DROP TABLE litmeter.rates_before_revisions;

CREATE TABLE IF NOT EXISTS litmeter.rates_history AS litmeter.rates
ENGINE = MergeTree()
PARTITION BY toYYYYMM(window_start)
ORDER BY (scope, resolution, scope_id, window_start, revision);

INSERT INTO litmeter.rates_history SELECT * FROM litmeter.rates;

-- every row written to the rates also lands in the history, which is never replaced
CREATE MATERIALIZED VIEW IF NOT EXISTS litmeter.rates_history_feed TO litmeter.rates_history
AS SELECT * FROM litmeter.rates;

CREATE TABLE IF NOT EXISTS litmeter.restatements (
  revision UInt64 COMMENT 'Number of the restatement; its rows carry it as their revision',
  reason Enum8('late_samples' = 1, 'backfill' = 2, 'final' = 3, 'on_demand' = 4) COMMENT 'Why the windows were computed again',
  from_time DateTime COMMENT 'First window start restated (midnight China Standard Time), UTC',
  to_time DateTime COMMENT 'End of the restated range (exclusive), UTC',
  written_to DateTime COMMENT 'Windows ending after this were left to the live job, which had not closed them yet',
  centers Array(String) COMMENT 'Centers whose rows were restated (with their province, region and the nation); empty for all',
  state Enum8('running' = 1, 'done' = 2, 'failed' = 3) COMMENT 'running (or interrupted: run again under the same revision), done or failed',
  requested_at DateTime COMMENT 'When it was requested (wall clock); late samples recorded before then are in it',
  finished_at Nullable(DateTime) COMMENT 'When it finished or failed (wall clock)',
  samples_read UInt64 COMMENT 'Samples read from litmeter.samples',
  rows_written UInt64 COMMENT 'Rates rows written at this revision',
  detail String COMMENT 'What triggered it, or why it failed',
  version UInt64 COMMENT 'Version of this row (milliseconds): the newest state wins'
) ENGINE = ReplacingMergeTree(version)
ORDER BY revision;

-- restated rows are computed from the stored samples: the values the rules read keep their full
-- precision there, so that a restatement gives exactly what the live job computed
ALTER TABLE litmeter.samples MODIFY COLUMN gpu_util Nullable(Float64);
ALTER TABLE litmeter.samples MODIFY COLUMN sm_active Nullable(Float64);
ALTER TABLE litmeter.samples MODIFY COLUMN power_w Nullable(Float64);

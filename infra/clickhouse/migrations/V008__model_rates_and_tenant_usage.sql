-- Two breakdowns of the rates, computed by the job from the same device verdicts and rules as
-- litmeter.rates (a five-minute window of a device is racked, lit, occupied or not), so that they
-- add up exactly to the rates of their scope:
--   model_rates: per vendor and model (domestic or imported, from the job's vendor catalogue);
--   tenant_usage: per tenant, the card-hours it held against the card-hours they were lit.
-- Revisions work as in litmeter.rates: the highest revision of a row wins (read with FINAL).

CREATE TABLE IF NOT EXISTS litmeter.model_rates (
  scope Enum8('center' = 1, 'province' = 2, 'region' = 3, 'nation' = 4) COMMENT 'What scope_id names',
  scope_id String COMMENT 'Center id, province, east/west, or national',
  resolution Enum8('5m' = 1, '1h' = 2, '1d' = 3) COMMENT 'Window length: 5 minutes, 1 hour, or 1 day starting at midnight China Standard Time',
  window_start DateTime COMMENT 'Start of the event-time window, UTC, inclusive',
  window_end DateTime COMMENT 'End of the window, exclusive',
  base_windows UInt16 COMMENT '5-minute windows in the window: 1, 12 or 288',
  reported_windows UInt16 COMMENT '5-minute windows in which devices of this model sent telemetry',
  centers UInt32 COMMENT 'Registered centers in the scope',
  reporting_centers UInt32 COMMENT 'Centers whose devices of this model sent telemetry in the window',
  vendor String COMMENT 'Accelerator vendor as the exporter labels it (nvidia, huawei, ...)',
  model String COMMENT 'Model as the exporter reports it',
  vendor_family Enum8('unknown' = 0, 'domestic' = 1, 'imported' = 2) COMMENT 'Domestic (国产) or imported (进口) by the vendor catalogue; unknown for a vendor it does not list',
  racked_device_windows UInt64 COMMENT 'Sum over the 5-minute windows of racked devices of this model',
  lit_device_windows UInt64 COMMENT 'Sum over the 5-minute windows of lit devices of this model',
  occupied_device_windows UInt64 COMMENT 'Sum over the 5-minute windows of occupied devices of this model',
  racked Float64 COMMENT 'Mean racked devices (racked_device_windows / base_windows)',
  lit Float64 COMMENT 'Mean lit devices',
  occupied Float64 COMMENT 'Mean occupied devices',
  lit_rate Nullable(Float64) COMMENT 'lit_device_windows / racked_device_windows',
  occupied_rate Nullable(Float64) COMMENT 'occupied_device_windows / racked_device_windows',
  mean_gpu_util Nullable(Float64) COMMENT 'Mean GPU utilization over samples of racked devices, percent',
  mean_sm_active Nullable(Float64) COMMENT 'Mean SM activity over samples that carry it',
  energy_kwh Float64 COMMENT 'Energy of racked devices of this model',
  sample_count UInt64 COMMENT 'Valid distinct samples of racked devices',
  unracked_samples UInt64 COMMENT 'Samples of devices removed or failed at the window end',
  revision UInt64 COMMENT 'Which computation wrote the row: 0 the live job, else the restatement of that number; the highest wins',
  status Enum8('preliminary' = 1, 'final' = 2) COMMENT 'final when a restatement computed the row after its revision period had passed',
  computed_at DateTime COMMENT 'When the row was computed (wall clock, UTC)'
) ENGINE = ReplacingMergeTree(revision)
PARTITION BY toYYYYMM(window_start)
ORDER BY (scope, resolution, scope_id, vendor, model, window_start);

CREATE TABLE IF NOT EXISTS litmeter.tenant_usage (
  scope Enum8('center' = 1, 'province' = 2, 'region' = 3, 'nation' = 4) COMMENT 'What scope_id names',
  scope_id String COMMENT 'Center id, province, east/west, or national',
  resolution Enum8('5m' = 1, '1h' = 2, '1d' = 3) COMMENT 'Window length: 5 minutes, 1 hour, or 1 day starting at midnight China Standard Time',
  window_start DateTime COMMENT 'Start of the event-time window, UTC, inclusive',
  window_end DateTime COMMENT 'End of the window, exclusive',
  base_windows UInt16 COMMENT '5-minute windows in the window: 1, 12 or 288',
  reported_windows UInt16 COMMENT '5-minute windows in which the tenant held a racked device',
  centers UInt32 COMMENT 'Registered centers in the scope',
  reporting_centers UInt32 COMMENT 'Centers in which the tenant held a racked device in the window',
  tenant String COMMENT 'The tenant: of the latest lease covering part of a 5-minute window, else of the exporter label of the latest sample',
  leased_device_windows UInt64 COMMENT 'Racked 5-minute device windows the tenant held (leased or labelled)',
  lit_device_windows UInt64 COMMENT 'Of those, the lit ones',
  leased_card_hours Float64 COMMENT 'Card-hours the tenant held: leased_device_windows / 12',
  lit_card_hours Float64 COMMENT 'Card-hours its cards were lit: lit_device_windows / 12',
  lit_share Nullable(Float64) COMMENT 'lit_device_windows / leased_device_windows: the share of what it held that it used',
  mean_gpu_util Nullable(Float64) COMMENT 'Mean GPU utilization over the samples of its cards, percent',
  mean_sm_active Nullable(Float64) COMMENT 'Mean SM activity of its cards over samples that carry it',
  energy_kwh Float64 COMMENT 'Energy of its cards',
  sample_count UInt64 COMMENT 'Valid distinct samples of its cards',
  revision UInt64 COMMENT 'Which computation wrote the row: 0 the live job, else the restatement of that number; the highest wins',
  status Enum8('preliminary' = 1, 'final' = 2) COMMENT 'final when a restatement computed the row after its revision period had passed',
  computed_at DateTime COMMENT 'When the row was computed (wall clock, UTC)'
) ENGINE = ReplacingMergeTree(revision)
PARTITION BY toYYYYMM(window_start)
ORDER BY (scope, resolution, scope_id, tenant, window_start);

-- litmeter core tables. Runs on ClickHouse 18.16 and on current servers: no codecs, TTL,
-- LowCardinality or DateTime64. Every table is a ReplacingMergeTree keyed by the identity of a
-- row, and the pipeline writes deterministic rows, so a replay overwrites instead of duplicating.
-- Read with FINAL (or GROUP BY the key) to see each row once before background merges ran.

CREATE TABLE IF NOT EXISTS litmeter.samples (
  center String COMMENT 'Compute-center id (litmeter.centers.center_id)',
  host String COMMENT 'Host the exporter runs on',
  device_uuid String COMMENT 'Device identity; MIG instances are <parent uuid>/<GPU_I_ID>',
  device_index UInt16 COMMENT 'Index of the device on its host',
  vendor String,
  model String,
  event_time DateTime COMMENT 'When the exporter took the sample, UTC, whole seconds',
  event_time_ms UInt64 COMMENT 'The same instant in epoch milliseconds',
  gpu_util Nullable(Float32) COMMENT 'Percent of time a kernel ran, 0-100',
  sm_active Nullable(Float32) COMMENT 'SM activity ratio 0-1 (profiling field)',
  sm_occupancy Nullable(Float32) COMMENT 'SM occupancy ratio 0-1 (profiling field)',
  tensor_active Nullable(Float32) COMMENT 'Tensor pipe activity ratio 0-1 (profiling field)',
  dram_active Nullable(Float32) COMMENT 'Memory interface activity ratio 0-1 (profiling field)',
  gr_engine_active Nullable(Float32) COMMENT 'Graphics engine activity ratio 0-1 (profiling field)',
  power_w Nullable(Float32) COMMENT 'Power draw, watts',
  energy_mj Nullable(UInt64) COMMENT 'Energy counter since driver load, millijoules',
  fb_used_mib Nullable(Float32) COMMENT 'Framebuffer used, MiB',
  temperature_c Nullable(Float32) COMMENT 'GPU temperature, degrees Celsius',
  xid_last Nullable(UInt32) COMMENT 'Last XID error, 0 for none',
  pcie_tx_bytes_per_s Nullable(Float64),
  pcie_rx_bytes_per_s Nullable(Float64),
  tenant Nullable(String) COMMENT 'Tenant from the exporter labels, if any',
  serial Nullable(String),
  mig_profile Nullable(String),
  source String COMMENT 'dcgm-exporter, npu-exporter, replay or simulator'
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(event_time)
ORDER BY (center, device_uuid, event_time_ms);

CREATE TABLE IF NOT EXISTS litmeter.rates (
  scope Enum8('center' = 1, 'province' = 2, 'region' = 3, 'nation' = 4) COMMENT 'What scope_id names',
  scope_id String COMMENT 'Center id, province, east/west, or national',
  resolution Enum8('5m' = 1, '1h' = 2, '1d' = 3),
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
  late_samples UInt64 COMMENT 'Counted samples that arrived behind their partition watermark, in time for their window',
  duplicate_samples UInt64 COMMENT 'Repeated samples (same device and time), dropped',
  unracked_samples UInt64 COMMENT 'Samples of devices removed or failed at the window end'
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(window_start)
ORDER BY (scope, resolution, scope_id, window_start);

CREATE TABLE IF NOT EXISTS litmeter.centers (
  center_id String,
  name String,
  province String,
  region Enum8('unknown' = 0, 'east' = 1, 'west' = 2),
  planned_accelerators UInt32 COMMENT 'Accelerators planned or purchased',
  acceptance_start Nullable(Date) COMMENT 'First day of the acceptance period',
  acceptance_end Nullable(Date) COMMENT 'Last day of the acceptance period',
  updated_at DateTime COMMENT 'Version of the registry record; the newest wins'
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY center_id;

CREATE TABLE IF NOT EXISTS litmeter.device_events (
  center String,
  device_uuid String,
  event_time DateTime,
  event_time_ms UInt64,
  kind Enum8('inventory' = 1, 'lease' = 2),
  action String COMMENT 'inventory: delivered, racked, powered_on, removed, failed, repaired; lease: start, end',
  tenant Nullable(String) COMMENT 'Lease tenant',
  serial Nullable(String) COMMENT 'Inventory serial number'
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(event_time)
ORDER BY (center, device_uuid, event_time_ms, kind, action);

CREATE TABLE IF NOT EXISTS litmeter.dead_letters (
  stage String COMMENT 'scrape, replay or job',
  origin String COMMENT 'topic-partition@offset, URL or file:line',
  reason String COMMENT 'Reason code (RejectReason)',
  detail String,
  center Nullable(String),
  device_uuid Nullable(String),
  event_time Nullable(DateTime),
  raw String COMMENT 'The input as received',
  recorded_at DateTime COMMENT 'When the pipeline set it aside (wall clock)'
) ENGINE = ReplacingMergeTree()
ORDER BY (stage, reason, origin);

-- Alerts of the detectors: one row per alert after ReplacingMergeTree keeps the newest status
-- (updated_at is the event time of the status: a resolution replaces the firing row).
-- Evidence is two parallel arrays (18.16 has no Map type).

CREATE TABLE IF NOT EXISTS litmeter.alerts (
  alert_id String COMMENT 'Derived from the finding: the same finding has the same id after a replay',
  kind String COMMENT 'Detector: acceptance_cliff, hollow_load, synthetic_load, acceptance_aligned_tenant, lit_unoccupied, vanished_device, mass_disappearance, device_in_two_centers',
  severity Enum8('unknown' = 0, 'info' = 1, 'warning' = 2, 'critical' = 3),
  status Enum8('unknown' = 0, 'firing' = 1, 'resolved' = 2),
  center String,
  tenant Nullable(String),
  device_uuid Nullable(String),
  started_at DateTime COMMENT 'When the pattern began (event time)',
  detected_at DateTime COMMENT 'When the detector was sure, or saw it end (event time)',
  updated_at DateTime COMMENT 'Version of the row: detected_at of its newest status',
  summary String,
  evidence_keys Array(String),
  evidence_values Array(String)
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY alert_id;

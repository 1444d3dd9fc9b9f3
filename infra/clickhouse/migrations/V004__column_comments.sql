-- The data dictionary lives in the server: every column an analyst reads has a comment
-- (SELECT table, name, type, comment FROM system.columns WHERE database = 'litmeter').

ALTER TABLE litmeter.samples COMMENT COLUMN vendor 'Accelerator vendor: nvidia, huawei, ...';
ALTER TABLE litmeter.samples COMMENT COLUMN model 'Accelerator model as the exporter names it, e.g. H800, Ascend910B';
ALTER TABLE litmeter.samples COMMENT COLUMN pcie_tx_bytes_per_s 'PCIe bytes sent per second';
ALTER TABLE litmeter.samples COMMENT COLUMN pcie_rx_bytes_per_s 'PCIe bytes received per second';
ALTER TABLE litmeter.samples COMMENT COLUMN serial 'Board serial number, if the exporter reports it';
ALTER TABLE litmeter.samples COMMENT COLUMN mig_profile 'MIG profile of the instance, e.g. 1g.10gb; NULL for a whole GPU';
ALTER TABLE litmeter.rates COMMENT COLUMN resolution 'Window length: 5 minutes, 1 hour, or 1 day starting at midnight China Standard Time';
ALTER TABLE litmeter.centers COMMENT COLUMN center_id 'Compute-center id, as samples and rates name it';
ALTER TABLE litmeter.centers COMMENT COLUMN name 'Name of the center';
ALTER TABLE litmeter.centers COMMENT COLUMN province 'Province (or municipality) of the center';
ALTER TABLE litmeter.centers COMMENT COLUMN region 'East or west China, as regulators group centers';
ALTER TABLE litmeter.device_events COMMENT COLUMN center 'Compute-center id';
ALTER TABLE litmeter.device_events COMMENT COLUMN device_uuid 'Device identity';
ALTER TABLE litmeter.device_events COMMENT COLUMN event_time 'When it happened, UTC, whole seconds';
ALTER TABLE litmeter.device_events COMMENT COLUMN event_time_ms 'The same instant in epoch milliseconds';
ALTER TABLE litmeter.device_events COMMENT COLUMN kind 'inventory (racking, removal, failure, repair) or lease';
ALTER TABLE litmeter.dead_letters COMMENT COLUMN detail 'What exactly was wrong, for a human';
ALTER TABLE litmeter.dead_letters COMMENT COLUMN center 'Center of the input, when it could be read';
ALTER TABLE litmeter.dead_letters COMMENT COLUMN device_uuid 'Device of the input, when it could be read';
ALTER TABLE litmeter.dead_letters COMMENT COLUMN event_time 'Event time of the input, when it could be read (UTC)';
ALTER TABLE litmeter.alerts COMMENT COLUMN severity 'info, warning or critical';
ALTER TABLE litmeter.alerts COMMENT COLUMN status 'firing, or resolved once the pattern was seen to end';
ALTER TABLE litmeter.alerts COMMENT COLUMN center 'Compute-center id';
ALTER TABLE litmeter.alerts COMMENT COLUMN tenant 'Tenant the finding is about, if any';
ALTER TABLE litmeter.alerts COMMENT COLUMN device_uuid 'Device the finding is about, if any';
ALTER TABLE litmeter.alerts COMMENT COLUMN summary 'One sentence for an operator';
ALTER TABLE litmeter.alerts COMMENT COLUMN evidence_keys 'Evidence names, parallel to evidence_values';
ALTER TABLE litmeter.alerts COMMENT COLUMN evidence_values 'Evidence values as text, parallel to evidence_keys';
-- 18.16 drops the COMMENT of an ADD COLUMN (V003), so it is set again here
ALTER TABLE litmeter.alerts COMMENT COLUMN resolved_at 'When the pattern was seen to end (event time); NULL while firing';

-- How stable each chip model is, next to its rates: per device and five-minute window the job
-- judges whether a racked device reported an error (NVIDIA XID, Ascend error code), whether an
-- error episode began (its previous window, within a day, had none), whether it is back from a
-- dropout (silent while in service: its previous window was racked, no inventory event between),
-- and how often its energy counter went backwards (a driver reload or a reset). Rows written
-- before these columns existed have 0 and NULL. ClickHouse 18.16 drops a comment given with ADD
-- COLUMN: each is set with COMMENT COLUMN.

ALTER TABLE litmeter.model_rates ADD COLUMN erroring_device_windows UInt64 DEFAULT 0;
ALTER TABLE litmeter.model_rates ADD COLUMN error_episodes UInt64 DEFAULT 0;
ALTER TABLE litmeter.model_rates ADD COLUMN dropouts UInt64 DEFAULT 0;
ALTER TABLE litmeter.model_rates ADD COLUMN silent_device_windows UInt64 DEFAULT 0;
ALTER TABLE litmeter.model_rates ADD COLUMN resets UInt64 DEFAULT 0;
ALTER TABLE litmeter.model_rates ADD COLUMN mtbf_hours Nullable(Float64);
ALTER TABLE litmeter.model_rates ADD COLUMN lost_share Nullable(Float64);
ALTER TABLE litmeter.model_rates COMMENT COLUMN erroring_device_windows 'Racked device-windows in which a sample reported an error (XID, Ascend error code)';
ALTER TABLE litmeter.model_rates COMMENT COLUMN error_episodes 'Error episodes begun: erroring windows whose device had no error in its previous window (within a day)';
ALTER TABLE litmeter.model_rates COMMENT COLUMN dropouts 'Racked devices back after a silence while in service (previous window racked, within a day, no inventory event between)';
ALTER TABLE litmeter.model_rates COMMENT COLUMN silent_device_windows '5-minute windows the devices of those dropouts were silent';
ALTER TABLE litmeter.model_rates COMMENT COLUMN resets 'Times the energy counter of a racked device went backwards (driver reload, card reset)';
ALTER TABLE litmeter.model_rates COMMENT COLUMN mtbf_hours 'Racked device-hours per failure (error episodes begun + dropouts); NULL without a failure';
ALTER TABLE litmeter.model_rates COMMENT COLUMN lost_share '(erroring + silent device-windows) / (racked + silent device-windows): the share of time lost';

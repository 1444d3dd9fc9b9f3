-- Erroring device-windows of each chip model by the class of the error (the window's latest code,
-- classed by the job's catalogue jobs/src/main/resources/org/litmeter/rates/error-classes.csv: NVIDIA's
-- XIDs; a code it does not list is unlisted). They add up to erroring_device_windows.

ALTER TABLE litmeter.model_rates ADD COLUMN application_error_windows UInt64 DEFAULT 0;
ALTER TABLE litmeter.model_rates ADD COLUMN memory_error_windows UInt64 DEFAULT 0;
ALTER TABLE litmeter.model_rates ADD COLUMN interconnect_error_windows UInt64 DEFAULT 0;
ALTER TABLE litmeter.model_rates ADD COLUMN hardware_error_windows UInt64 DEFAULT 0;
ALTER TABLE litmeter.model_rates ADD COLUMN firmware_error_windows UInt64 DEFAULT 0;
ALTER TABLE litmeter.model_rates ADD COLUMN unlisted_error_windows UInt64 DEFAULT 0;
ALTER TABLE litmeter.model_rates COMMENT COLUMN application_error_windows 'Erroring device-windows caused by the workload (XID 13, 31, 43, 45)';
ALTER TABLE litmeter.model_rates COMMENT COLUMN memory_error_windows 'Erroring device-windows with a memory error (ECC, page retirement, row remapping)';
ALTER TABLE litmeter.model_rates COMMENT COLUMN interconnect_error_windows 'Erroring device-windows with an interconnect error (NVLink)';
ALTER TABLE litmeter.model_rates COMMENT COLUMN hardware_error_windows 'Erroring device-windows with a hardware error (the card fell off the bus)';
ALTER TABLE litmeter.model_rates COMMENT COLUMN firmware_error_windows 'Erroring device-windows with a firmware error (micro-controller, GSP)';
ALTER TABLE litmeter.model_rates COMMENT COLUMN unlisted_error_windows 'Erroring device-windows whose code the error catalogue does not list';

-- A resolved alert keeps the time it was detected and gains the time it ended, so that a
-- regulator sees both after the resolution replaced the firing row.

ALTER TABLE litmeter.alerts ADD COLUMN resolved_at Nullable(DateTime) COMMENT 'When the pattern was seen to end (event time); NULL while firing' AFTER detected_at;
ALTER TABLE litmeter.alerts COMMENT COLUMN detected_at 'When the detector was sure (event time); a resolution keeps it';
ALTER TABLE litmeter.alerts COMMENT COLUMN updated_at 'Version of the row: resolved_at, else detected_at';

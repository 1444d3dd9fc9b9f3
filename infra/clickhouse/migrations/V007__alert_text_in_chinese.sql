-- What people read about an alert, in Chinese too, for SQL readers (the Chinese Grafana dashboards,
-- analysts): rendered by the job from the alert's kind and evidence (org.litmeter.detect.AlertText),
-- like summary in English. Rows written before this column existed have ''.

ALTER TABLE litmeter.alerts ADD COLUMN summary_zh String DEFAULT '' AFTER summary;
ALTER TABLE litmeter.alerts COMMENT COLUMN summary_zh 'The summary in simplified Chinese, rendered from kind and evidence like summary';

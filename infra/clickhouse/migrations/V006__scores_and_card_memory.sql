-- Every finding carries a confidence, so that an operator can rank alerts and a regulator can say
-- how sure the detector was; evidence['score_basis'] says what it measures for each kind.
-- Samples keep the memory a card reports in all, so that a card reporting more than its model has
-- (a modified card) can be shown. ClickHouse 18.16 drops a comment given with ADD COLUMN: each is
-- set with COMMENT COLUMN.

ALTER TABLE litmeter.alerts ADD COLUMN score Nullable(Float64) AFTER severity;
ALTER TABLE litmeter.alerts COMMENT COLUMN score 'Confidence of the finding in [0, 1]; evidence[score_basis] says what it measures; NULL for alerts raised before scores existed';
ALTER TABLE litmeter.samples ADD COLUMN fb_total_mib Nullable(Float32) AFTER fb_used_mib;
ALTER TABLE litmeter.samples COMMENT COLUMN fb_total_mib 'Framebuffer the card reports in all, MiB (used + free + reserved)';

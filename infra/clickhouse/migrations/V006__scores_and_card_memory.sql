-- Every finding carries a confidence, so that an operator can rank alerts and a regulator can say
-- how sure the detector was; evidence['score_basis'] says what it measures for each kind.
-- Samples keep the memory a card reports in all, so that a card reporting more than its model has
-- (a modified card) can be shown.

ALTER TABLE litmeter.alerts ADD COLUMN score Nullable(Float64) COMMENT 'Confidence of the finding in [0, 1]; evidence[score_basis] says what it measures; NULL for alerts raised before scores existed' AFTER severity;
ALTER TABLE litmeter.samples ADD COLUMN fb_total_mib Nullable(Float32) COMMENT 'Framebuffer the card reports in all, MiB (used + free + reserved)' AFTER fb_used_mib;

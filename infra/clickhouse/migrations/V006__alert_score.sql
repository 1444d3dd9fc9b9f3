-- Every finding carries a confidence, so that an operator can rank alerts and a regulator can say
-- how sure the detector was; evidence['score_basis'] says what it measures for each kind.

ALTER TABLE litmeter.alerts ADD COLUMN score Nullable(Float64) COMMENT 'Confidence of the finding in [0, 1]; evidence[score_basis] says what it measures; NULL for alerts raised before scores existed' AFTER severity;

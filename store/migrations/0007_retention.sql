-- The retention period: after it, a closed case's submitter name and
-- contact are removed (cases.Service.ApplyRetention). anonymised_at says
-- when, so that a case is done once and its window can say why the
-- submitter is no longer named.
ALTER TABLE cases ADD COLUMN anonymised_at TEXT NOT NULL DEFAULT '';

-- Closures by case, for finding the cases whose period has run out; only
-- the closing changes, so the index stays small (a full one added 24 MB to
-- a 100,000-case register).
CREATE INDEX status_changes_closed ON status_changes (case_id, at) WHERE to_status = 'closed';

-- The retention period: after it, a closed case's submitter name and
-- contact are removed (cases.Service.ApplyRetention). anonymised_at says
-- when, so that a case is done once and its window can say why the
-- submitter is no longer named.
ALTER TABLE cases ADD COLUMN anonymised_at TEXT NOT NULL DEFAULT '';

-- Closures by case, for finding the cases whose period has run out.
CREATE INDEX status_changes_closed ON status_changes (to_status, case_id, at);

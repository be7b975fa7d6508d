-- The deadline filters ("overdue", "due within 7 days") under the default
-- order: the page is found in this index alone (status and reference with
-- the deadline), not by reading every overdue case from the table.
-- EXPLAIN ANALYZE, middle page of "overdue" (15,652 cases): 110 ms before,
-- 14 ms with it.
CREATE INDEX cases_due_page ON cases (due_key) INCLUDE (status, reference, id);

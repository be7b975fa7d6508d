-- Found with EXPLAIN ANALYZE on the 100,000-case benchmark register (make
-- bench's PostgreSQL column). A filter under the window's default order
-- (newest reference first) read the whole reference index and filtered,
-- or sorted every matching case: one index per filter in that order, as
-- SQLite's 0006 has. The search box first looks for cases whose submitter
-- is named what was typed: without these indexes that read every case
-- (100-270 ms on each search).
CREATE INDEX cases_type_reference   ON cases (type_code, reference COLLATE "C", id);
CREATE INDEX cases_status_reference ON cases (status_rank, reference COLLATE "C", id);
CREATE INDEX cases_risk_reference   ON cases (risk, reference COLLATE "C", id);
CREATE INDEX cases_sector_reference ON cases (sector, reference COLLATE "C", id);
CREATE INDEX cases_year_reference   ON cases (received_year, reference COLLATE "C", id);
CREATE INDEX cases_submitter_name    ON cases (lower(submitter_name COLLATE "C"));
CREATE INDEX cases_submitter_contact ON cases (lower(submitter_contact COLLATE "C"));
-- A page deep in the register is found by skipping the pages before it in
-- an index alone (ListCases): the title order's index carries the title,
-- without which PostgreSQL reads each skipped case from the table.
DROP INDEX cases_title;
CREATE INDEX cases_title ON cases (lower(title COLLATE "C"), id) INCLUDE (title);

-- The planner needs the statistics of the new expressions: without them
-- it guesses that one case in 200 has the submitter typed and walks the
-- reference index instead of looking the name up.
ANALYZE cases;

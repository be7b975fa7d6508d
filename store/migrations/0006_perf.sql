-- Register pages under a filter, in the window's default order (newest
-- reference first). With only the single-column filter indexes of 0001,
-- SQLite found, say, the 33,000 ethics complaints of a 100,000-case
-- register through cases_type and then sorted them all to return 100 rows
-- (about 150 ms a page). Each index below serves the filter and the order
-- at once, so a page reads just its rows (about 1 ms; deep pages skip
-- entries of the index only). See bench/ and the README's "Performance".
CREATE INDEX cases_type_reference   ON cases (type_code, reference);
CREATE INDEX cases_status_reference ON cases (status_rank, reference);
CREATE INDEX cases_risk_reference   ON cases (risk, reference);
CREATE INDEX cases_sector_reference ON cases (sector, reference);
CREATE INDEX cases_year_reference   ON cases (received_year, reference);

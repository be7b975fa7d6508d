-- Every search by a user who may see submitters also looks the text up as
-- a submitter's name or contact address (SQLite's 0022): one index per
-- column on the expression the filter compares, so PostgreSQL combines two
-- index scans instead of reading every case.
CREATE INDEX cases_submitter_name_lower    ON cases (lower(submitter_name COLLATE "C"));
CREATE INDEX cases_submitter_contact_lower ON cases (lower(submitter_contact COLLATE "C"));

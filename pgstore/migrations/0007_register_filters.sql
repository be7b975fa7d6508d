-- The register's filters by alleged breach and by rapporteur, each served
-- with the window's default order by one index (SQLite's 0019).
CREATE INDEX cases_breach_reference     ON cases (breach, reference);
CREATE INDEX cases_rapporteur_reference ON cases (rapporteur_id, reference);

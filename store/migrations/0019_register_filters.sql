-- The register's filters by alleged breach and by rapporteur, each served
-- with the window's default order (newest reference first) by one index,
-- as the other filters are since 0006: a page reads just its rows.
CREATE INDEX cases_breach_reference     ON cases (breach, reference);
CREATE INDEX cases_rapporteur_reference ON cases (rapporteur_id, reference);

-- The case register: reference data, users, cases, their history and notes,
-- and the append-only audit log.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE case_types (
    code          TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    complaint     INTEGER NOT NULL DEFAULT 0,
    decision_days INTEGER NOT NULL DEFAULT 30 CHECK (decision_days BETWEEN 1 AND 365),
    working_days  INTEGER NOT NULL DEFAULT 0,
    sort_order    INTEGER NOT NULL DEFAULT 0
) STRICT;

INSERT INTO case_types (code, name, complaint, decision_days, working_days, sort_order) VALUES
    ('ethics_complaint',  'Ethics complaint',  1, 30, 0, 1),
    ('privacy_complaint', 'Privacy complaint', 1, 30, 0, 2),
    ('guidance_request',  'Guidance request',  0, 30, 0, 3);

-- The committee's industry classification catalogue (Art. 9).
CREATE TABLE catalogue (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
) STRICT;

INSERT INTO catalogue (code, name) VALUES
    ('C39', 'Manufacture of computers, communication and other electronic equipment'),
    ('I63', 'Telecommunications, broadcasting and satellite transmission services'),
    ('I64', 'Internet and related services'),
    ('I65', 'Software and information technology services'),
    ('J66', 'Monetary and financial services'),
    ('J68', 'Insurance'),
    ('G54', 'Road transport'),
    ('P83', 'Education'),
    ('Q84', 'Health care'),
    ('S92', 'Public administration'),
    ('F52', 'Retail trade'),
    ('R86', 'Press and publishing'),
    ('L72', 'Business services'),
    ('M73', 'Research and experimental development');

CREATE TABLE holidays (
    day  TEXT PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    name TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name  TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL CHECK (role IN ('secretariat', 'member', 'chair', 'administrator')),
    active        INTEGER NOT NULL DEFAULT 1,
    password_hash TEXT NOT NULL DEFAULT '',
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL
) STRICT;

-- Reference numbers are handed out from here inside the transaction that
-- creates the case, so they are sequential per year and never reused.
CREATE TABLE reference_counters (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
) STRICT;

CREATE TABLE cases (
    id                     INTEGER PRIMARY KEY,
    reference              TEXT NOT NULL UNIQUE,
    type_code              TEXT NOT NULL REFERENCES case_types (code),
    title                  TEXT NOT NULL,
    summary                TEXT NOT NULL,
    received_on            TEXT NOT NULL,
    received_year          INTEGER NOT NULL,
    channel                TEXT NOT NULL,
    submitter_kind         TEXT NOT NULL,
    submitter_name         TEXT NOT NULL DEFAULT '',
    submitter_contact      TEXT NOT NULL DEFAULT '',
    submitter_confidential INTEGER NOT NULL DEFAULT 0,
    respondent             TEXT NOT NULL DEFAULT '',
    ai_system              TEXT NOT NULL DEFAULT '',
    sector                 TEXT NOT NULL,
    catalogue_code         TEXT NOT NULL DEFAULT '',
    risk                   TEXT NOT NULL,
    breach                 TEXT NOT NULL DEFAULT '',
    priority               TEXT NOT NULL DEFAULT 'normal',
    confidential           INTEGER NOT NULL DEFAULT 0,
    status                 TEXT NOT NULL,
    status_rank            INTEGER NOT NULL,
    accepted_on            TEXT NOT NULL DEFAULT '',
    due_on                 TEXT NOT NULL DEFAULT '',
    -- due_key sorts cases without a deadline after every date.
    due_key                TEXT GENERATED ALWAYS AS (CASE WHEN due_on = '' THEN '~' ELSE due_on END) VIRTUAL,
    rapporteur_id          INTEGER REFERENCES users (id),
    rapporteur_name        TEXT NOT NULL DEFAULT '',
    created_at             TEXT NOT NULL,
    created_by             TEXT NOT NULL,
    updated_at             TEXT NOT NULL,
    updated_by             TEXT NOT NULL,
    version                INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE INDEX cases_title      ON cases (title COLLATE NOCASE, id);
CREATE INDEX cases_type       ON cases (type_code, id);
CREATE INDEX cases_status     ON cases (status_rank, id);
CREATE INDEX cases_received   ON cases (received_on, id);
CREATE INDEX cases_year       ON cases (received_year, id);
CREATE INDEX cases_due        ON cases (due_key, id);
CREATE INDEX cases_rapporteur ON cases (rapporteur_name, id);
CREATE INDEX cases_risk       ON cases (risk, id);
CREATE INDEX cases_sector     ON cases (sector, id);

-- The members who review a case; conflict is '' until declared, then
-- 'none' or 'declared' (recused).
CREATE TABLE case_panel (
    case_id         INTEGER NOT NULL REFERENCES cases (id),
    user_id         INTEGER NOT NULL REFERENCES users (id),
    conflict        TEXT NOT NULL DEFAULT '' CHECK (conflict IN ('', 'none', 'declared')),
    conflict_reason TEXT NOT NULL DEFAULT '',
    declared_at     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (case_id, user_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX case_panel_user ON case_panel (user_id, case_id);

CREATE TABLE status_changes (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases (id),
    at          TEXT NOT NULL,
    actor_id    INTEGER NOT NULL,
    actor_name  TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX status_changes_case ON status_changes (case_id, at);

CREATE TABLE notes (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases (id),
    at          TEXT NOT NULL,
    author_id   INTEGER NOT NULL,
    author_name TEXT NOT NULL,
    body        TEXT NOT NULL,
    private     INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX notes_case ON notes (case_id, at);

-- Append-only, hash-chained record of every change. The triggers refuse
-- UPDATE and DELETE; `ethicsdesk check` recomputes the chain.
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor_id  INTEGER NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    before    TEXT NOT NULL,
    after     TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
) STRICT;

CREATE INDEX audit_entity ON audit_log (entity, entity_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- Opinions: versioned drafts, signatures, the issued PDF; and the key
-- material that signs them.

CREATE TABLE opinions (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases (id),
    corrects_id INTEGER REFERENCES opinions (id),
    state       TEXT NOT NULL CHECK (state IN ('draft', 'signed_by_rapporteur', 'issued')),
    version     INTEGER NOT NULL DEFAULT 0,
    decision    TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL DEFAULT '[]', -- JSON paragraphs of the latest version
    pdf         BLOB,
    pdf_sha256  TEXT NOT NULL DEFAULT '',
    sig_layout  TEXT NOT NULL DEFAULT '',   -- JSON: page and widget rectangles
    issued_at   TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL
) STRICT;

CREATE INDEX opinions_case ON opinions (case_id, id);

-- An issued opinion never changes; a correction is a new opinion.
CREATE TRIGGER opinions_issued_frozen BEFORE UPDATE ON opinions WHEN OLD.state = 'issued'
BEGIN
    SELECT RAISE(ABORT, 'an issued opinion cannot be changed');
END;

CREATE TRIGGER opinions_issued_kept BEFORE DELETE ON opinions WHEN OLD.state = 'issued'
BEGIN
    SELECT RAISE(ABORT, 'an issued opinion cannot be deleted');
END;

CREATE TABLE opinion_versions (
    opinion_id INTEGER NOT NULL REFERENCES opinions (id),
    version    INTEGER NOT NULL,
    saved_at   TEXT NOT NULL,
    saved_by   TEXT NOT NULL,
    decision   TEXT NOT NULL,
    body       TEXT NOT NULL,
    PRIMARY KEY (opinion_id, version)
) STRICT, WITHOUT ROWID;

CREATE TABLE opinion_signatures (
    opinion_id INTEGER NOT NULL REFERENCES opinions (id),
    seq        INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    meaning    TEXT NOT NULL,
    signed_at  TEXT NOT NULL,
    PRIMARY KEY (opinion_id, seq)
) STRICT, WITHOUT ROWID;

-- The committee's root certificate, its key sealed under the password of
-- the administrator who made it.
CREATE TABLE signing_root (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    cert       BLOB NOT NULL,
    sealed_key BLOB NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
) STRICT;

-- Each member's signing key, sealed under the member's password.
CREATE TABLE user_keys (
    user_id    INTEGER PRIMARY KEY REFERENCES users (id),
    cert       BLOB NOT NULL,
    chain      BLOB NOT NULL, -- DER certificates of the issuers, concatenated
    sealed_key BLOB NOT NULL,
    source     TEXT NOT NULL CHECK (source IN ('issued', 'pkcs12')),
    created_at TEXT NOT NULL
) STRICT;

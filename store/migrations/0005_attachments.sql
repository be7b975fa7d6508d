-- Attachments live inside the register: one file to back up, and a file is
-- added in the same transaction as its case and its audit entry, so a crash
-- can never leave a case pointing at a missing file or a file with no case.
--
-- The bytes are stored once per content (keyed by their SHA-256), so the same
-- PDF attached to two cases takes its space once; the hash is re-computed on
-- every read to detect damage.
CREATE TABLE blobs (
    id     INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    size   INTEGER NOT NULL CHECK (size >= 0),
    data   BLOB NOT NULL
) STRICT;

CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases (id),
    sha256       TEXT NOT NULL REFERENCES blobs (sha256),
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL DEFAULT '',
    size         INTEGER NOT NULL,
    added_by_id  INTEGER NOT NULL,
    added_by     TEXT NOT NULL,
    added_at     TEXT NOT NULL
) STRICT;

CREATE INDEX attachments_case ON attachments (case_id, added_at);
CREATE INDEX attachments_blob ON attachments (sha256);

-- Defaults the administrator may change: the largest attachment accepted
-- (50 MB), the automatic backup folder ('' = a "backups" folder beside the
-- register) and how many daily backups to keep.
INSERT OR IGNORE INTO settings (key, value) VALUES
    ('attachment_max_bytes', '52428800'),
    ('backup_dir', ''),
    ('backup_keep', '14');

-- What `ethicsdesk check` needs to prove more than "the chain links":
--
-- fingerprints: the SHA-256 of the stored columns of every case,
-- note, opinion and account row the entry's transaction wrote, as JSON
-- {"case:12": "9f2c…"}. check compares each row with the fingerprint of its
-- last entry, so a row edited in the file without an entry is found. ''
-- on entries written before this version (the hash then covers the old
-- fields only, so those entries keep their hashes).
ALTER TABLE audit_log ADD COLUMN fingerprints TEXT NOT NULL DEFAULT '';

-- An entry must be the next one: its number follows the head's and it
-- links to the head's hash. This also refuses REPLACE INTO / INSERT OR
-- REPLACE over an existing entry, which would otherwise bypass the UPDATE
-- and DELETE triggers.
CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log
WHEN NEW.seq IS NOT (SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_log)
  OR NEW.prev_hash IS NOT COALESCE((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1),
                                   '0000000000000000000000000000000000000000000000000000000000000000')
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only: an entry must follow the current head');
END;

-- Signed checkpoints: the audit head (seq, hash) at a moment when someone
-- had a private key unlocked (an opinion signed, a key issued), signed with
-- that key. check verifies each signature and that the chain still holds
-- that hash at that number. seq 0 with the all-zero hash is the empty log.
CREATE TABLE audit_checkpoints (
    id          INTEGER PRIMARY KEY,
    seq         INTEGER NOT NULL,
    hash        TEXT NOT NULL,
    at          TEXT NOT NULL,
    reason      TEXT NOT NULL,
    signer_id   INTEGER NOT NULL,
    signer_name TEXT NOT NULL,
    cert        BLOB NOT NULL, -- DER certificate of the signing key
    signature   BLOB NOT NULL  -- over checkpointMessage (store/checkpoint.go)
) STRICT;

CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN
    SELECT RAISE(ABORT, 'audit checkpoints cannot be changed');
END;

CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN
    SELECT RAISE(ABORT, 'audit checkpoints cannot be deleted');
END;

-- Rows that exist when this version first opens a register were written
-- without fingerprints (a seeded register's without any entry of their
-- own): check counts them as not comparable instead of calling them
-- written behind the log's back. A register created by this version
-- records 0 for each.
CREATE TABLE fingerprint_baseline (
    entity TEXT PRIMARY KEY,
    max_id INTEGER NOT NULL
) STRICT;

INSERT INTO fingerprint_baseline (entity, max_id)
    SELECT 'case', COALESCE(MAX(id), 0) FROM cases
    UNION ALL SELECT 'note', COALESCE(MAX(id), 0) FROM notes
    UNION ALL SELECT 'opinion', COALESCE(MAX(id), 0) FROM opinions
    UNION ALL SELECT 'user', COALESCE(MAX(id), 0) FROM users;

CREATE TRIGGER fingerprint_baseline_fixed_update BEFORE UPDATE ON fingerprint_baseline
BEGIN
    SELECT RAISE(ABORT, 'the fingerprint baseline cannot be changed');
END;

CREATE TRIGGER fingerprint_baseline_fixed_delete BEFORE DELETE ON fingerprint_baseline
BEGIN
    SELECT RAISE(ABORT, 'the fingerprint baseline cannot be changed');
END;

-- Letters issued to a submitter are found by search. A kept letter is an
-- attachment (cases/letters_kept.go) whose letter_text holds its title and
-- what it says beyond the letterhead; uploads keep ''. It is indexed in the
-- notes column as document kind 3 (rowid = attachment id * 4 + 3, see
-- 0004_search.sql), mapped to its case by store/search.go.
ALTER TABLE attachments ADD COLUMN letter_text TEXT NOT NULL DEFAULT '';

-- Letters kept before this migration are known by their audit entry; their
-- file name ("EC-2026-0042 letter acknowledgement 2026-03-02.pdf") is the
-- text they can be found by.
UPDATE attachments SET letter_text = replace(file_name, '.pdf', '')
    WHERE id IN (SELECT entity_id FROM audit_log WHERE action = 'letter.issue' AND entity = 'attachment');

CREATE TRIGGER search_letter_insert AFTER INSERT ON attachments WHEN new.letter_text <> '' AND ed_index_live()
BEGIN
    INSERT INTO search_fts (rowid, notes) VALUES (new.id * 4 + 3, ed_index_text(new.letter_text));
END;

CREATE TRIGGER search_letter_delete AFTER DELETE ON attachments WHEN old.letter_text <> ''
BEGIN
    INSERT INTO search_fts (search_fts, rowid, notes) VALUES ('delete', old.id * 4 + 3, ed_index_text(old.letter_text));
END;

INSERT INTO search_fts (rowid, notes)
    SELECT id * 4 + 3, ed_index_text(letter_text) FROM attachments WHERE letter_text <> '';

-- The duties of Article 66 a case's panel checks for the AI system's risk
-- tier (cases/duties.go): one row per duty marked, the latest mark kept
-- (each mark is also in the audit log).
CREATE TABLE case_duties (
    case_id      INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    duty         TEXT NOT NULL,
    met          INTEGER NOT NULL DEFAULT 0,
    evidence     TEXT NOT NULL DEFAULT '',
    marked_by_id INTEGER NOT NULL REFERENCES users (id),
    marked_by    TEXT NOT NULL,
    marked_at    TEXT NOT NULL,
    PRIMARY KEY (case_id, duty)
) WITHOUT ROWID;

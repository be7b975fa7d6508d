-- Full-text search over cases, notes and opinions.
--
-- One FTS5 row per searchable document, its rowid encoding what it is:
-- rowid = id * 4 + kind, kind 0 a case (title, summary, parties), 1 a note
-- (notes), 2 an opinion's latest text (opinion). Keeping notes in their own
-- rows lets a private note be matched only for its author.
--
-- The table is contentless (content=''): the original text stays in cases,
-- notes and opinions, and only the index is stored, which keeps a
-- 100,000-case register small. Rows are removed with FTS5's 'delete'
-- command, which needs the indexed values the row had: the triggers
-- recompute them from OLD with the same deterministic function. (Not the
-- newer contentless_delete option, so that SQLite 3.40's sqlite3 shell, as
-- shipped by Debian 12, can still open the table and run the same queries.)
-- secure-delete makes FTS5 rewrite the index pages so deleted or anonymised
-- words do not linger in the file; after the first such delete, SQLite
-- older than 3.44 can no longer read the index.
--
-- If textindex.IndexText ever changes how it splits text, a migration must
-- drop and rebuild this table: deletes recompute the old indexed form.
--
-- Every column holds ed_index_text(original): a Go function registered on
-- each connection (store/search_driver.go) that splits Chinese, Japanese
-- and Korean runs into overlapping bigrams so that two-character words are
-- found (package textindex). A connection without the function (e.g. the
-- sqlite3 shell) can still search, but cannot change these tables.
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, summary, parties, notes, opinion,
    content = '',
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO search_fts (search_fts, rank) VALUES ('secure-delete', 1);

-- Inserts are indexed unless a bulk import suspended them on its connection
-- to index the whole batch at once (ed_index_live, store/search_driver.go).
-- Cases: only changes to the indexed columns touch the index.
CREATE TRIGGER search_case_insert AFTER INSERT ON cases WHEN ed_index_live()
BEGIN
    INSERT INTO search_fts (rowid, title, summary, parties)
    VALUES (new.id * 4, ed_index_text(new.title), ed_index_text(new.summary),
            ed_index_text(new.respondent || ' ' || new.ai_system));
END;

-- writeCase sets every column, so the trigger checks what really changed:
-- a status change must not rewrite the case's index entry.
CREATE TRIGGER search_case_update AFTER UPDATE OF title, summary, respondent, ai_system ON cases
    WHEN old.title IS NOT new.title OR old.summary IS NOT new.summary
      OR old.respondent IS NOT new.respondent OR old.ai_system IS NOT new.ai_system
BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, summary, parties)
    VALUES ('delete', old.id * 4, ed_index_text(old.title), ed_index_text(old.summary),
            ed_index_text(old.respondent || ' ' || old.ai_system));
    INSERT INTO search_fts (rowid, title, summary, parties)
    VALUES (new.id * 4, ed_index_text(new.title), ed_index_text(new.summary),
            ed_index_text(new.respondent || ' ' || new.ai_system));
END;

CREATE TRIGGER search_case_delete AFTER DELETE ON cases
BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, summary, parties)
    VALUES ('delete', old.id * 4, ed_index_text(old.title), ed_index_text(old.summary),
            ed_index_text(old.respondent || ' ' || old.ai_system));
END;

CREATE TRIGGER search_note_insert AFTER INSERT ON notes WHEN ed_index_live()
BEGIN
    INSERT INTO search_fts (rowid, notes) VALUES (new.id * 4 + 1, ed_index_text(new.body));
END;

CREATE TRIGGER search_note_update AFTER UPDATE OF body ON notes WHEN old.body IS NOT new.body
BEGIN
    INSERT INTO search_fts (search_fts, rowid, notes) VALUES ('delete', old.id * 4 + 1, ed_index_text(old.body));
    INSERT INTO search_fts (rowid, notes) VALUES (new.id * 4 + 1, ed_index_text(new.body));
END;

CREATE TRIGGER search_note_delete AFTER DELETE ON notes
BEGIN
    INSERT INTO search_fts (search_fts, rowid, notes) VALUES ('delete', old.id * 4 + 1, ed_index_text(old.body));
END;

-- Opinions: the paragraphs of the latest version (body is a JSON array of
-- {"heading", "text"}); a body that is not JSON is indexed as it is.
CREATE TRIGGER search_opinion_insert AFTER INSERT ON opinions WHEN ed_index_live()
BEGIN
    INSERT INTO search_fts (rowid, opinion) VALUES (new.id * 4 + 2, ed_index_text(COALESCE(
        CASE WHEN json_valid(new.body)
             THEN COALESCE((SELECT group_concat(json_extract(p.value, '$.text'), char(10)) FROM json_each(new.body) p), '')
             ELSE new.body END, '')));
END;

CREATE TRIGGER search_opinion_update AFTER UPDATE OF body ON opinions WHEN old.body IS NOT new.body
BEGIN
    INSERT INTO search_fts (search_fts, rowid, opinion) VALUES ('delete', old.id * 4 + 2, ed_index_text(COALESCE(
        CASE WHEN json_valid(old.body)
             THEN COALESCE((SELECT group_concat(json_extract(p.value, '$.text'), char(10)) FROM json_each(old.body) p), '')
             ELSE old.body END, '')));
    INSERT INTO search_fts (rowid, opinion) VALUES (new.id * 4 + 2, ed_index_text(COALESCE(
        CASE WHEN json_valid(new.body)
             THEN COALESCE((SELECT group_concat(json_extract(p.value, '$.text'), char(10)) FROM json_each(new.body) p), '')
             ELSE new.body END, '')));
END;

CREATE TRIGGER search_opinion_delete AFTER DELETE ON opinions
BEGIN
    INSERT INTO search_fts (search_fts, rowid, opinion) VALUES ('delete', old.id * 4 + 2, ed_index_text(COALESCE(
        CASE WHEN json_valid(old.body)
             THEN COALESCE((SELECT group_concat(json_extract(p.value, '$.text'), char(10)) FROM json_each(old.body) p), '')
             ELSE old.body END, '')));
END;

-- Index what registers created before this migration already hold.
INSERT INTO search_fts (rowid, title, summary, parties)
    SELECT id * 4, ed_index_text(title), ed_index_text(summary), ed_index_text(respondent || ' ' || ai_system) FROM cases;
INSERT INTO search_fts (rowid, notes) SELECT id * 4 + 1, ed_index_text(body) FROM notes;
INSERT INTO search_fts (rowid, opinion)
    SELECT id * 4 + 2, ed_index_text(COALESCE(CASE WHEN json_valid(body)
        THEN COALESCE((SELECT group_concat(json_extract(p.value, '$.text'), char(10)) FROM json_each(body) p), '')
        ELSE body END, '')) FROM opinions;

-- Statistics look up decisions (the first move to a deciding status) by date.
CREATE INDEX status_changes_decisions ON status_changes (at, case_id)
    WHERE to_status IN ('opinion_issued', 'inadmissible', 'withdrawn');

-- Full-text search over cases, notes and opinions with PostgreSQL's own
-- text search: one tsvector per searchable document, doc = id * 4 + kind
-- as in the SQLite index (0 a case: title A, summary B, parties C; 1 a
-- note: D; 2 an opinion's latest text: D, ranked twice a note). The
-- vectors are built by the server from textindex.IndexText and
-- textindex.Words (pgstore/search_index.go), so CJK bigrams, prefixes and
-- phrases match as FTS5 matches them; a GIN index serves @@.
CREATE TABLE search_docs (
    doc bigint PRIMARY KEY,
    vec tsvector NOT NULL
);

CREATE INDEX search_docs_vec ON search_docs USING gin (vec);

-- Statistics look up decisions (the first move to a deciding status) by date.
CREATE INDEX status_changes_decisions ON status_changes (at, case_id)
    WHERE to_status IN ('opinion_issued', 'inadmissible', 'withdrawn');

-- The duties of Article 66 a case's panel checks for the AI system's risk
-- tier (cases/duties.go): one row per duty marked, the latest mark kept
-- (each mark is also in the audit log), as on a file (store/migrations/
-- 0020_letters_search_and_duties.sql).
CREATE TABLE case_duties (
    case_id      bigint NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    duty         text NOT NULL,
    met          integer NOT NULL DEFAULT 0,
    evidence     text NOT NULL DEFAULT '',
    marked_by_id bigint NOT NULL REFERENCES users (id),
    marked_by    text NOT NULL,
    marked_at    text NOT NULL,
    PRIMARY KEY (case_id, duty)
);

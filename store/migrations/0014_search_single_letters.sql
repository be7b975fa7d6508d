-- textindex.IndexText now follows each CJK run's bigrams with the run's
-- last letter alone, so that a one-character search (私) finds the letter at
-- the end of a run too (个人隐私). The index of a contentless table is only
-- consistent with the function that built it (deletes recompute the indexed
-- form), so it is emptied and built again from the source rows, exactly as
-- migration 0004 first built it.
INSERT INTO search_fts (search_fts) VALUES ('delete-all');
INSERT INTO search_fts (rowid, title, summary, parties)
    SELECT id * 4, ed_index_text(title), ed_index_text(summary), ed_index_text(respondent || ' ' || ai_system) FROM cases;
INSERT INTO search_fts (rowid, notes) SELECT id * 4 + 1, ed_index_text(body) FROM notes;
INSERT INTO search_fts (rowid, opinion)
    SELECT id * 4 + 2, ed_index_text(COALESCE(CASE WHEN json_valid(body)
        THEN COALESCE((SELECT group_concat(json_extract(p.value, '$.text'), char(10)) FROM json_each(body) p), '')
        ELSE body END, '')) FROM opinions;

package store

import (
	"context"
	"database/sql"
	"fmt"
)

// importIndexer indexes a bulk import's rows with one statement per table
// instead of a trigger per row (see search_driver.go for why). The
// expressions are the ones the triggers of migration 0004 use: the delete
// triggers recompute them to remove a row's words.
type importIndexer struct {
	firstCase, lastCase int64
	firstNote, lastNote int64
}

// suspendIndexing turns the insert triggers off on tx's connection; the
// returned func turns them back on and must run before tx ends, whatever
// happens, so that later writes on the connection are indexed again.
func suspendIndexing(ctx context.Context, tx *sql.Tx) (resume func(), err error) {
	if _, err := tx.ExecContext(ctx, "SELECT ed_suspend_index(1)"); err != nil {
		return nil, err
	}
	return func() { tx.ExecContext(context.Background(), "SELECT ed_suspend_index(0)") }, nil
}

func (ix *importIndexer) addCase(id int64) {
	if ix.firstCase == 0 {
		ix.firstCase = id
	}
	ix.lastCase = id
}

func (ix *importIndexer) addNote(id int64) {
	if ix.firstNote == 0 {
		ix.firstNote = id
	}
	ix.lastNote = id
}

// index adds the batch's cases and notes to search_fts. The ids inserted in
// one transaction by the single writer are consecutive, so the ranges hold
// exactly this batch's rows.
func (ix *importIndexer) index(ctx context.Context, tx *sql.Tx) error {
	if ix.firstCase != 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO search_fts (rowid, title, summary, parties)
			SELECT id * 4, ed_index_text(title), ed_index_text(summary), ed_index_text(respondent || ' ' || ai_system)
			FROM cases WHERE id BETWEEN ?1 AND ?2`, ix.firstCase, ix.lastCase); err != nil {
			return err
		}
	}
	if ix.firstNote != 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO search_fts (rowid, notes)
			SELECT id * 4 + 1, ed_index_text(body) FROM notes WHERE id BETWEEN ?1 AND ?2`, ix.firstNote, ix.lastNote); err != nil {
			return err
		}
	}
	return nil
}

// CheckSearchIndex compares the search index with what it indexes: one
// document per case, note, opinion and kept letter, and no other. It returns one
// sentence per problem; `ethicsdesk check` can list them with the others.
func (db *DB) CheckSearchIndex(ctx context.Context) ([]string, error) {
	var problems []string
	for _, k := range []struct {
		kind  int
		table string
		what  string
	}{{kindCase, "cases", "cases"}, {kindNote, "notes", "notes"}, {kindOpinion, "opinions", "opinions"},
		{kindLetter, "(SELECT id FROM attachments WHERE letter_text <> '')", "letters"}} {
		var missing, extra int
		err := db.read.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM `+k.table+` t WHERE NOT EXISTS (SELECT 1 FROM search_fts_docsize d WHERE d.id = t.id * 4 + ?1)),
			(SELECT count(*) FROM search_fts_docsize d WHERE d.id & 3 = ?1 AND NOT EXISTS (SELECT 1 FROM `+k.table+` t WHERE t.id = d.id >> 2))`,
			k.kind).Scan(&missing, &extra)
		if err != nil {
			return nil, err
		}
		if missing > 0 {
			problems = append(problems, fmt.Sprintf("%d %s are missing from the search index: search does not find them.", missing, k.what))
		}
		if extra > 0 {
			problems = append(problems, fmt.Sprintf("The search index holds %d %s that no longer exist.", extra, k.what))
		}
	}
	return problems, nil
}

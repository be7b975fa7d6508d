//go:build sqlite_fts5

package textindex

import (
	"database/sql"
	"sort"
	"testing"

	_ "github.com/mattn/go-sqlite3"
)

// openDocs opens an FTS5 table set up the way the store is meant to:
// unicode61 with diacritics removed, every column passed through IndexText.
func openDocs(t testing.TB, dsn string, docs map[int][2]string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1) // an in-memory database exists once per connection
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec(`CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')`); err != nil {
		t.Fatal(err)
	}
	for id, d := range docs {
		if _, err := db.Exec(`INSERT INTO docs(rowid, title, body) VALUES (?, ?, ?)`, id, IndexText(d[0]), IndexText(d[1])); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// search runs a user's query the way the store should: Match ranked with a
// title weight of 10, or, for a query of exclusions only, everything but
// Exclude. It returns the matching rowids in rank order.
func search(db *sql.DB, userQuery string) ([]int, error) {
	q := ParseQuery(userQuery)
	var rows *sql.Rows
	var err error
	switch {
	case q.Match != "":
		rows, err = db.Query(`SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 10.0, 1.0)`, q.Match)
	case q.Exclude != "":
		rows, err = db.Query(`SELECT rowid FROM docs WHERE rowid NOT IN (SELECT rowid FROM docs WHERE docs MATCH ?) ORDER BY rowid`, q.Exclude)
	default:
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func sortedIDs(ids []int) []int {
	out := append([]int(nil), ids...)
	sort.Ints(out)
	return out
}

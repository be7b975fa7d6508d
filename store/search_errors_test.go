package store

import (
	"context"
	"path/filepath"
	"testing"

	"ethicsdesk/cases"
)

// A malformed full-text query (which textindex never builds: it quotes
// every word) finds nothing rather than showing "fts5: syntax error";
// any other failure of the search, such as a search index that is gone,
// is an error and not an empty result.
func TestSearchErrorsAreNothingFoundOnlyForTheQuerySyntax(t *testing.T) {
	ctx := context.Background()
	db, err := Open(filepath.Join(t.TempDir(), "register.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, syntax := db.read.ExecContext(ctx, "SELECT rowid FROM search_fts WHERE search_fts MATCH 'AND AND'")
	if syntax == nil {
		t.Fatal("set-up: a malformed match was accepted")
	}
	if err := searchError(syntax); err != nil {
		t.Fatalf("a malformed match: %v, want nothing found", err)
	}
	if _, err := db.write.ExecContext(ctx, "DROP TABLE search_fts"); err != nil {
		t.Fatal(err)
	}
	_, gone := db.read.ExecContext(ctx, "SELECT rowid FROM search_fts WHERE search_fts MATCH 'x'")
	if gone == nil || searchError(gone) != gone {
		t.Fatalf("a missing index: %v became %v", gone, searchError(gone))
	}
	if _, err := db.SearchCases(ctx, "facial recognition", cases.Query{}, 0, 20); err == nil {
		t.Fatal("a search without its index found nothing instead of failing")
	}
}

package store_test

import (
	"database/sql"
	"os"
	"strings"
	"testing"

	"ethicsdesk/cases"
	_ "ethicsdesk/store"
)

// TestStatusRankMigrationMatchesDomain runs the CASE expression of the
// migration that rewrote status_rank for every status (and one unknown),
// so the numbers in the SQL can never drift from cases.StatusRank.
func TestStatusRankMigrationMatchesDomain(t *testing.T) {
	body, err := os.ReadFile("migrations/0010_status_rank.sql")
	if err != nil {
		t.Fatal(err)
	}
	text := string(body)
	start := strings.Index(text, "SET status_rank =")
	end := strings.LastIndex(text, ";")
	if start < 0 || end < start {
		t.Fatal("the migration no longer has the form UPDATE cases SET status_rank = CASE … END;")
	}
	expr := text[start+len("SET status_rank =") : end]
	raw, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, s := range append(append([]cases.Status{}, cases.AllStatuses...), "not_a_status") {
		var got int
		if err := raw.QueryRow("SELECT "+expr+" FROM (SELECT ?1 AS status)", string(s)).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if want := cases.StatusRank(s); got != want {
			t.Errorf("migration ranks %q as %d, the domain as %d", s, got, want)
		}
	}
}

package pgstore_test

import (
	"context"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/demo"
)

// A search reads the whole pending list of a GIN index besides its tree:
// the search indexes keep none, after a copy of a register and after the
// cases and notes written since (migration 0015).
func TestSearchIndexesKeepNothingPending(t *testing.T) {
	ctx := context.Background()
	end := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	lite, pg := copiedDemo(t, demo.SeedOptions{Cases: 300, Notes: 900, Seed: 5, End: end})
	raw := pg.Pools()[0]
	pending := func(when string) {
		t.Helper()
		for _, index := range []string{"search_docs_vec", "search_docs_cases_vec"} {
			var pages int64
			if err := raw.QueryRowContext(ctx, "SELECT gin_clean_pending_list($1::regclass)", index).Scan(&pages); err != nil {
				t.Fatal(err)
			}
			if pages != 0 {
				t.Errorf("%s: %d pages of %s were pending, read by every search", when, pages, index)
			}
		}
	}
	pending("after the copy")
	sec, err := lite.UserByName(ctx, "secretary")
	if err != nil {
		t.Fatal(err)
	}
	svc := cases.NewService(pg, func() time.Time { return end })
	rows, err := svc.ListCases(ctx, sec, cases.Query{}, 0, 20)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if _, err := svc.AddNote(ctx, sec, r.ID, "Zeugnis of the panel's visit, quokkatronic scanner, 盾牌 system, note "+string(rune('a'+i)), false); err != nil {
			t.Fatal(err)
		}
	}
	pending("after twenty notes")
	hits, err := svc.Search(ctx, sec, "quokkatronic", cases.Query{}, 0, 50)
	if err != nil || len(hits) != len(rows) {
		t.Errorf("the notes' word found %d cases, not %d (%v)", len(hits), len(rows), err)
	}
}

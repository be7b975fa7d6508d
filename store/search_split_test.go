package store_test

import (
	"testing"

	"ethicsdesk/cases"
	"ethicsdesk/store"
)

// A word the store has learnt to score in two halves stays split after the
// documents that made it common are gone (the store never forgets a split,
// search_split.go): the search must then find nothing, not fail, and find
// the word again once it is back.
func TestASplitWordWhoseDocumentsAreGoneFindsNothing(t *testing.T) {
	defer store.SetSplitSearchMin(100)()
	f := newSearchFixture(t)
	raw := rawWriter(t, f.path)
	addNotes := func(word string, n int) {
		t.Helper()
		if _, err := raw.Exec(`WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?2)
			INSERT INTO notes (case_id, at, author_id, author_name, body, private)
			SELECT ?1, '2026-03-10T09:00:00Z', 1, 'Secretary', ?3 || ' sighted near the gate, report ' || i, 0 FROM k`,
			f.ids["facial"], n, word); err != nil {
			t.Fatal(err)
		}
	}
	// More notes than the first try of a search ranks, so that the first
	// search learns the word is common.
	addNotes("quagga", store.SearchCutoff(0, 50)+200)
	f.expect(t, secretary, "quagga", "facial")
	before := f.db.SplitSearches()
	f.expect(t, secretary, "quagga", "facial")
	if f.db.SplitSearches() == before {
		t.Fatal("the second search of a common word was not split in two")
	}

	if _, err := raw.Exec(`DELETE FROM notes WHERE body LIKE 'quagga%'`); err != nil {
		t.Fatal(err)
	}
	before = f.db.SplitSearches()
	f.expect(t, secretary, "quagga")
	if f.db.SplitSearches() == before {
		t.Fatal("the word's remembered split was not used once its documents were gone")
	}

	// One note brings it back: found again, through the same split.
	addNotes("quagga", 1)
	if hits := f.expect(t, secretary, "quagga", "facial"); hits[0].Source != cases.SourceNote {
		t.Fatalf("found in a %s, not in the note", hits[0].Source)
	}
}

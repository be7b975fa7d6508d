package store_test

import (
	"context"
	"fmt"
	"testing"

	"ethicsdesk/cases"
)

// Paging through the results of a search of two words: one page at a
// time gives exactly the whole list, in the same order, also on pages
// past the cases holding both words in one document, which come first
// (several of them, one, or none).
func TestSearchPagesAcrossDocumentsEqualTheWholeList(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	svc := newService(db)
	add := func(title, note string) {
		d := draft()
		d.Title = title
		c, err := svc.CreateCase(ctx, secretary, d)
		if err != nil {
			t.Fatal(err)
		}
		if note != "" {
			if _, err := svc.AddNote(ctx, secretary, c.ID, note, false); err != nil {
				t.Fatal(err)
			}
		}
	}
	add("Zephyr drones over the quokka reserve", "")
	add("Zephyr cameras", "A quokka was filmed.")
	add("Quokka counting by Zephyr", "")
	add("Zephyr lifts", "The quokka enclosure has a lift.")
	add("Zephyr alone", "")
	add("A quokka and a zephyr again", "")
	add("Walrus kelp farm", "")
	add("Walrus survey", "The kelp forest was mapped.")
	add("Walrus census", "Kelp again.")
	add("Narwhal sightings", "Plankton samples.")
	add("Narwhal tusks", "Plankton blooms.")
	for _, q := range []struct {
		text string
		n    int
	}{{"zephyr quokka", 5}, {"walrus kelp", 3}, {"narwhal plankton", 2}} {
		refs := func(offset, limit int) []string {
			t.Helper()
			hits, err := svc.Search(ctx, secretary, q.text, cases.Query{}, offset, limit)
			if err != nil {
				t.Fatal(err)
			}
			return refsOf(hits)
		}
		whole := refs(0, 50)
		if len(whole) != q.n {
			t.Fatalf("%q: %v, want the %d cases holding both words", q.text, whole, q.n)
		}
		for _, limit := range []int{1, 2} {
			var paged []string
			for offset := 0; offset <= q.n; offset += limit {
				paged = append(paged, refs(offset, limit)...)
			}
			if fmt.Sprint(paged) != fmt.Sprint(whole) {
				t.Fatalf("%q in pages of %d: %v, at once %v", q.text, limit, paged, whole)
			}
		}
	}
}

package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// Typing in the register's box shows ranked results in the table's place,
// the matching words highlighted; clearing it brings the table back.
func TestSearchBoxShowsHighlightedResultsInPlaceOfTheTable(t *testing.T) {
	h := newHarness(t, Options{})
	h.seed(3)
	d := validDraft(9)
	d.Title, d.Summary = "Chatbot gave 隐私 advice", "A chatbot disclosed 隐私 details."
	if _, err := h.svc.CreateCase(context.Background(), secretary, d); err != nil {
		t.Fatal(err)
	}
	r := h.d.openRegister()
	r.win.Show()
	h.settle()

	r.filters.search.SetText("隐私")
	r.search.run(r.filters.search.Text) // what the typing pause triggers
	h.settle()
	if len(r.search.hits) != 1 || r.center.Objects[0] != r.search.box {
		t.Fatalf("%d hits; results shown: %v", len(r.search.hits), r.center.Objects[0] == r.search.box)
	}
	row := r.search.list.CreateItem()
	fillHitRow(row, r.search.hits[0])
	var marked []string
	for _, rt := range richTexts(row) {
		for _, seg := range rt.Segments {
			if ts, ok := seg.(*widget.TextSegment); ok && ts.Style.ColorName == "primary" {
				marked = append(marked, ts.Text)
			}
		}
	}
	if len(marked) < 2 || marked[0] != "隐私" {
		t.Fatalf("highlighted words %v, want 隐私 in the title and the snippet", marked)
	}
	if !strings.Contains(r.search.status.Text, "1 matching case") {
		t.Fatalf("status %q", r.search.status.Text)
	}

	// A hostile query is no error, just no result.
	r.search.run(`"NEAR( -*`)
	h.settle()
	if strings.Contains(r.search.status.Text, "could not") {
		t.Fatalf("hostile query shown as an error: %q", r.search.status.Text)
	}

	// The register's filters apply to the search.
	r.filters.search.SetText("recognition")
	r.search.run("recognition")
	h.settle()
	if len(r.search.hits) != 3 {
		t.Fatalf("recognition: %d hits, want 3", len(r.search.hits))
	}
	r.filters.selectValue(r.filters.status, string(cases.Closed))
	h.settle()
	if len(r.search.hits) != 0 {
		t.Fatalf("with the Closed filter: %d hits, want 0", len(r.search.hits))
	}

	r.search.run("")
	if r.center.Objects[0] != r.table {
		t.Fatal("clearing the search did not bring the table back")
	}
}

// richTexts lists the rich texts inside containers, depth first.
func richTexts(o fyne.CanvasObject) []*widget.RichText {
	var out []*widget.RichText
	switch v := o.(type) {
	case *widget.RichText:
		out = append(out, v)
	case *fyne.Container:
		for _, c := range v.Objects {
			out = append(out, richTexts(c)...)
		}
	}
	return out
}

// More than 50 cases match: the first 50 show with a sentence saying more
// match, and "Show the next 50" adds them until all are shown, each once.
func TestSearchShowsMoreThanTheFirst50(t *testing.T) {
	h := newHarness(t, Options{})
	h.seed(120)
	r := h.d.openRegister()
	r.win.Show()
	h.settle()
	r.filters.search.SetText("recognition")
	r.search.run("recognition")
	h.settle()
	if len(r.search.hits) != 50 || !r.search.more.Visible() || !strings.Contains(r.search.status.Text, "more cases match") {
		t.Fatalf("first page: %d hits, more offered %v, %q", len(r.search.hits), r.search.more.Visible(), r.search.status.Text)
	}
	test.Tap(r.search.more)
	h.settle()
	test.Tap(r.search.more)
	h.settle()
	seen := map[int64]bool{}
	for _, hit := range r.search.hits {
		seen[hit.ID] = true
	}
	if len(r.search.hits) != 120 || len(seen) != 120 || r.search.more.Visible() {
		t.Fatalf("after two more pages: %d hits (%d different), more still offered %v", len(r.search.hits), len(seen), r.search.more.Visible())
	}
	if !strings.Contains(r.search.status.Text, "120 matching cases") {
		t.Errorf("status after the last page: %q", r.search.status.Text)
	}
}

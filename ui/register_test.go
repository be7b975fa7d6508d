package ui

import (
	"context"
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/assets"
	"ethicsdesk/cases"
)

// The register never reads the whole table: the first display of 1,000
// cases reads the page on screen, and scrolling far reads only the page
// scrolled to.
func TestRegisterLoadsOnlyThePagesItShows(t *testing.T) {
	h := newHarness(t, Options{})
	h.seed(1000)
	r := h.d.openRegister()
	r.win.Show()
	h.settle()
	if r.rows != 1000 || r.count.Text != "1,000 cases" {
		t.Fatalf("rows %d, count %q", r.rows, r.count.Text)
	}
	if n := r.model.fetchCount(); n < 1 || n > 2 {
		t.Fatalf("first display read %d pages of %d rows", n, cases.PageSize)
	}
	if !contains(labelTexts(r.table), "EC-2026-1000") {
		t.Fatalf("newest case not on the first screen: %v", labelTexts(r.table))
	}

	r.table.ScrollTo(widget.TableCellID{Row: 950, Col: 0})
	if !contains(labelTexts(r.table), "…") {
		t.Fatal("rows not yet loaded should show …")
	}
	h.settle()
	if n := r.model.fetchCount(); n > 4 {
		t.Fatalf("scrolling to row 950 read %d pages in all", n)
	}
	if !contains(labelTexts(r.table), "EC-2026-0050") {
		t.Fatalf("row 950 (EC-2026-0050) not shown after scrolling: %v", labelTexts(r.table))
	}
}

func TestHeaderSortsAndSecondClickReverses(t *testing.T) {
	h := newHarness(t, Options{})
	h.seed(3)
	r := h.d.openRegister()
	r.win.Show()
	h.settle()
	first := func() string {
		row, ok := r.model.row(0)
		if !ok {
			h.settle()
			row, _ = r.model.row(0)
		}
		return row.Reference
	}
	if got := first(); got != "EC-2026-0003" {
		t.Fatalf("default order starts with %s, want the newest", got)
	}
	ref := headerButton(t, r, "Reference")
	if ref.Icon == nil {
		t.Fatal("the sorted column shows no arrow")
	}
	test.Tap(ref)
	h.settle()
	if got := first(); got != "EC-2026-0001" {
		t.Fatalf("after a click on Reference the first row is %s", got)
	}
	test.Tap(headerButton(t, r, "Title"))
	h.settle()
	if r.sort != cases.SortTitle || r.desc {
		t.Fatalf("sort after clicking Title: %s desc=%v", r.sort, r.desc)
	}
	if headerButton(t, r, "Reference").Icon != nil || headerButton(t, r, "Title").Icon == nil {
		t.Fatal("the arrow did not move to the Title column")
	}
}

func headerButton(t *testing.T, r *registerWindow, title string) *widget.Button {
	t.Helper()
	found := findButton(r.table, title)
	if found == nil {
		t.Fatalf("no header %q", title)
	}
	return found
}

// An overdue case stands out: its Days-left cell says "N overdue" in the
// error colour; filters narrow the count.
func TestOverdueCasesStandOutAndFiltersCount(t *testing.T) {
	h := newHarness(t, Options{})
	ctx := context.Background()
	h.clock.set(time.Date(2026, 1, 5, 10, 0, 0, 0, time.Local))
	old := validDraft(1)
	old.ReceivedOn = cases.MustDate("2026-01-02")
	c, err := h.svc.CreateCase(ctx, secretary, old)
	if err != nil {
		t.Fatal(err)
	}
	c, err = h.svc.Transition(ctx, secretary, c.ID, c.Version, cases.Screening, "")
	if err == nil {
		c, err = h.svc.Transition(ctx, secretary, c.ID, c.Version, cases.UnderReview, "")
	}
	if err != nil {
		t.Fatal(err)
	}
	// Accepted 12 Feb, due 14 Mar, a Saturday, so 16 Mar: 6 days left on 10 Mar, inside the 7-day warning.
	h.clock.set(time.Date(2026, 2, 12, 10, 0, 0, 0, time.Local))
	soon := validDraft(2)
	soon.ReceivedOn = cases.MustDate("2026-02-10")
	s, err := h.svc.CreateCase(ctx, secretary, soon)
	if err == nil {
		s, err = h.svc.Transition(ctx, secretary, s.ID, s.Version, cases.Screening, "")
	}
	if err == nil {
		_, err = h.svc.Transition(ctx, secretary, s.ID, s.Version, cases.UnderReview, "")
	}
	if err != nil {
		t.Fatal(err)
	}
	h.clock.set(time.Date(2026, 3, 10, 9, 0, 0, 0, time.Local))
	h.seed(2)

	r := h.d.openRegister()
	r.win.Show()
	h.settle()
	// Accepted 5 Jan, due 4 Feb 2026: 34 days overdue on 10 Mar.
	var overdue, dueSoon *widget.Label
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			if x.Text == "34 overdue" {
				overdue = x
			}
			if x.Text == "6" && x.Alignment == fyne.TextAlignTrailing {
				dueSoon = x
			}
		case fyne.Widget:
			for _, ch := range test.WidgetRenderer(x).Objects() {
				walk(ch)
			}
		case *fyne.Container:
			for _, ch := range x.Objects {
				walk(ch)
			}
		}
	}
	walk(r.table)
	if overdue == nil {
		t.Fatalf("no \"34 overdue\" cell: %v", labelTexts(r.table))
	}
	if overdue.Importance != widget.DangerImportance || !overdue.TextStyle.Bold {
		t.Fatal("the overdue cell does not stand out")
	}
	if dueSoon == nil || dueSoon.Importance != widget.WarningImportance {
		t.Fatalf("the case due in 6 days is not marked: %v", labelTexts(r.table))
	}
	if dueSoon.Importance == overdue.Importance {
		t.Fatal("due-soon is marked as loudly as overdue")
	}

	r.filters.selectValue(r.filters.due, string(cases.DueOverdue))
	h.settle()
	if r.count.Text != "1 of 4 cases" || r.rows != 1 {
		t.Fatalf("overdue filter: count %q rows %d", r.count.Text, r.rows)
	}
	r.filters.selectValue(r.filters.due, string(cases.DueOverdueOr7))
	h.settle()
	if r.count.Text != "2 of 4 cases" {
		t.Fatalf("overdue-or-soon filter: %q", r.count.Text)
	}
	r.filters.selectValue(r.filters.due, "")
	r.filters.selectValue(r.filters.status, string(cases.Received))
	h.settle()
	if r.count.Text != "2 of 4 cases" {
		t.Fatalf("status filter: %q", r.count.Text)
	}
}

func TestFormats(t *testing.T) {
	os.Setenv("LANG", "en_US.UTF-8")
	if err := assets.LoadTranslations(); err != nil {
		t.Fatal(err)
	}
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1204: "1,204", 100000: "100,000", 1234567: "1,234,567", -4500: "-4,500"} {
		if got := formatCount(n); got != want {
			t.Errorf("formatCount(%d) = %q, want %q", n, got, want)
		}
	}
	if got := formatDate(cases.MustDate("2026-03-03")); got != "3 Mar 2026" {
		t.Errorf("formatDate = %q", got)
	}
	today := cases.MustDate("2026-03-10")
	for _, tc := range []struct {
		row  cases.Row
		want string
	}{
		{cases.Row{Status: cases.UnderReview, DueOn: cases.MustDate("2026-03-22")}, "12"},
		{cases.Row{Status: cases.UnderReview, DueOn: cases.MustDate("2026-03-07")}, "3 overdue"},
		{cases.Row{Status: cases.AwaitingInfo, DueOn: cases.MustDate("2026-03-22")}, "paused"},
		{cases.Row{Status: cases.Received}, "—"},
	} {
		if got := formatDaysLeft(tc.row, today); got != tc.want {
			t.Errorf("days left for %+v = %q, want %q", tc.row, got, tc.want)
		}
	}
	ex := cases.DeadlineExplanation{Kind: "decision", Rule: cases.DeadlineRule{Days: 30}, From: cases.MustDate("2026-03-03"),
		PausedDays: 5, Holidays: 2, Due: cases.MustDate("2026-04-14")}
	want := "30 calendar days from acceptance on 3 Mar 2026; paused 5 days awaiting information; 2 holidays: due 14 Apr 2026."
	if got := deadlineText(ex); got != want {
		t.Errorf("deadline text\n got %q\nwant %q", got, want)
	}
}

package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/assets"
	"ethicsdesk/cases"
)

// overdueBy138 adds a case whose deadline passed 138 days before the
// harness's today, and a case with a long title.
func overdueBy138(t *testing.T, h *harness) cases.Date {
	t.Helper()
	ctx := context.Background()
	h.clock.set(time.Date(2025, 10, 1, 10, 0, 0, 0, time.Local))
	d := validDraft(1)
	d.ReceivedOn = cases.MustDate("2025-09-30")
	c, err := h.svc.CreateCase(ctx, secretary, d)
	if err == nil {
		c, err = h.svc.Transition(ctx, secretary, c.ID, c.Version, cases.Screening, "")
	}
	if err == nil {
		c, err = h.svc.Transition(ctx, secretary, c.ID, c.Version, cases.UnderReview, "")
	}
	if err != nil {
		t.Fatal(err)
	}
	h.clock.set(time.Date(2026, 3, 10, 9, 0, 0, 0, time.Local))
	if days := h.svc.Today().DaysUntil(c.DueOn); days > -100 {
		t.Fatalf("the case is %d days overdue, the test wants three digits", -days)
	}
	long := validDraft(2)
	long.Title = strings.Repeat("Emotion recognition in classrooms and exam halls ", 3)
	if _, err := h.svc.CreateCase(ctx, secretary, long); err != nil {
		t.Fatal(err)
	}
	return c.DueOn
}

// fitsWithoutTruncation fails unless every heading and the "N overdue"
// cell are as wide as their text, and the columns end before the vertical
// scroll bar.
func fitsWithoutTruncation(t *testing.T, r *registerWindow, at string, due cases.Date) {
	t.Helper()
	widths := r.table.widths
	var sum float32
	for _, w := range widths {
		sum += w
	}
	sum += float32(len(widths)-1) * theme.Padding()
	if room := r.table.Size().Width - theme.ScrollBarSize(); sum > room {
		t.Fatalf("%s: the columns take %.0f of the table's %.0f units: the last ones go under the scroll bar or off the side", at, sum, r.table.Size().Width)
	}
	for i, c := range registerColumns {
		head := findButton(r.table, lang.L(c.title))
		if head == nil {
			t.Fatalf("%s: the heading %q is not drawn", at, c.title)
		}
		if shrinkable[i] {
			continue // a status or a name may end in "…"; its heading still reads
		}
		if need := head.MinSize().Width; widths[i] < need-1 {
			t.Errorf("%s: the %q column is %.0f wide, its heading needs %.0f", at, c.title, widths[i], need)
		}
	}
	found := false
	visitVisible(r.table, func(o fyne.CanvasObject) bool {
		l, ok := o.(*widget.Label)
		if ok && l.Text == formatDaysLeft(cases.Row{DueOn: due, Status: cases.UnderReview}, r.today) {
			found = true
			need := fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width + 2*theme.InnerPadding()
			if l.Size().Width < need-1 {
				t.Errorf("%s: %q is cut short: %.0f units for %.0f", at, l.Text, l.Size().Width, need)
			}
		}
		return !ok
	})
	if !found {
		t.Fatalf("%s: no overdue cell drawn: %v", at, labelTexts(r.table))
	}
	if r.count.Size().Width < r.count.MinSize().Width {
		t.Errorf("%s: the count line %q is clipped", at, r.count.Text)
	}
}

// TestTheTableFitsTheWindow lays the register out at 1,024 units, at 1,600
// and narrower, in English and in Chinese: every column is on screen with
// its heading whole, "138 overdue" is not cut, the title takes what is
// left, and the window can be made narrower than 1,024.
func TestTheTableFitsTheWindow(t *testing.T) {
	h := newHarness(t, Options{})
	due := overdueBy138(t, h)
	h.seed(3)
	r := h.d.openRegister()
	r.win.Show()
	r.win.Resize(fyne.NewSize(1024, 700))
	h.settle()
	fitsWithoutTruncation(t, r, "1,024 wide", due)
	narrowTitle := r.table.widths[colTitle]
	others := append([]float32(nil), r.table.widths...)

	r.win.Resize(fyne.NewSize(1600, 800))
	h.settle()
	fitsWithoutTruncation(t, r, "1,600 wide", due)
	if grew := r.table.widths[colTitle] - narrowTitle; grew < 500 {
		t.Fatalf("576 more units gave the title %.0f more", grew)
	}
	for i := range others {
		if i != colTitle && !shrinkable[i] && r.table.widths[i] != others[i] {
			t.Errorf("column %d changed from %.0f to %.0f: only the title takes spare width", i, others[i], r.table.widths[i])
		}
	}

	if min := r.win.Canvas().Content().MinSize().Width; min > 800 {
		t.Fatalf("the window cannot be narrower than %.0f units", min)
	}

	if err := assets.UseLanguage("zh-Hans"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { assets.UseLanguage("en") })
	r.build()
	r.win.Resize(fyne.NewSize(1024, 700))
	h.settle()
	fitsWithoutTruncation(t, r, "1,024 wide in Chinese", due)
}

// TestDraggedColumnWidthsAreRemembered drags the right edge of the Type
// heading 60 units wider: the title gives the room, and the register
// opened again by the same person, on the same computer, has it too;
// View › Reset column widths forgets it.
func TestDraggedColumnWidthsAreRemembered(t *testing.T) {
	h := newHarness(t, Options{})
	h.seed(3)
	r := h.d.openRegister()
	r.win.Show()
	r.win.Resize(fyne.NewSize(1200, 700))
	h.settle()
	before := append([]float32(nil), r.table.widths...)
	var edge float32
	for i := 0; i <= 2; i++ {
		edge += before[i]
	}
	edge += 2 * theme.Padding()
	start := fyne.NewPos(edge+1, 10)
	for _, dx := range []float32{20, 20, 20} {
		start = start.AddXY(dx, 0)
		r.table.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: start}, Dragged: fyne.NewDelta(dx, 0)})
	}
	r.table.DragEnd()
	after := r.table.widths
	near := func(a, b float32) bool { return a-b < 1 && b-a < 1 } // the dragged width is kept in whole units
	if !near(after[2], before[2]+60) || !near(after[colTitle], before[colTitle]-60) {
		t.Fatalf("dragging Type's edge 60 units: Type %.0f → %.0f, Title %.0f → %.0f", before[2], after[2], before[colTitle], after[colTitle])
	}

	again := newDesk(h.app, h.svc, secretary, Options{DBPath: h.d.opt.DBPath}, h.d.run).openRegister()
	again.win.Show()
	again.win.Resize(fyne.NewSize(1200, 700))
	h.settle()
	if again.table.widths[2] != after[2] {
		t.Fatalf("the register opened again has Type %.0f wide, the user left it at %.0f", again.table.widths[2], after[2])
	}
	menuByName(t, again.win, "Reset column widths").Action()
	h.settle()
	if !near(again.table.widths[2], before[2]) {
		t.Fatalf("after Reset column widths Type is %.0f wide, was %.0f", again.table.widths[2], before[2])
	}
	if got := h.app.Preferences().StringList(columnWidthsPreference(secretary.Username)); len(got) != 0 {
		t.Fatalf("the reset widths are still kept: %v", got)
	}
}

// menuByName is the register's menu item labelled text.
func menuByName(t *testing.T, w fyne.Window, text string) *fyne.MenuItem {
	t.Helper()
	for _, m := range w.MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == text {
				return it
			}
		}
	}
	t.Fatalf("no menu item %q", text)
	return nil
}

// A date in any month fits the Received and Due columns whole: "23 Nov
// 2026" was cut to "23 Nov 20…" when the columns were measured on a
// December date, and "Nov" is the wider word.
func TestEveryMonthsDateFitsItsColumn(t *testing.T) {
	h := newHarness(t, Options{})
	s := newColumnSizer(h.d, h.d.svc.Today())
	for _, col := range []int{4, 5} {
		for m := time.January; m <= time.December; m++ {
			text := formatDate(cases.NewDate(2026, m, 28))
			need := fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding()
			if s.natural[col] < need {
				t.Errorf("the %s column is %.0f wide; %q needs %.0f", registerColumns[col].title, s.natural[col], text, need)
			}
		}
	}
}

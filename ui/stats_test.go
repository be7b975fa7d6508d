package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"ethicsdesk/cases"
)

// The statistics window shows the year's figures and a bar per count.
func TestStatisticsWindowShowsFiguresAndBars(t *testing.T) {
	h := newHarness(t, Options{})
	h.seed(4)
	r := h.d.openRegister()
	r.win.Show()
	h.settle()
	s := r.showStatistics()
	h.settle()
	texts := labelTexts(s.win.Content())
	if !contains(texts, "Cases received") || !contains(texts, "4") {
		t.Fatalf("figures missing: %v", texts)
	}
	st, err := h.svc.Statistics(context.Background(), secretary, cases.YearPeriod(2026))
	if err != nil {
		t.Fatal(err)
	}
	bars := 0
	for _, tb := range st.Tables {
		bars += 2 * len(tb.Rows)
	}
	// Each chart has two legend boxes besides its bars.
	if got := countRects(s.body) - 2*len(st.Tables); got != bars || bars == 0 {
		t.Fatalf("%d bars drawn, want %d (two per row)", got, bars)
	}

	// A period that ends before it starts is explained, not counted.
	s.from.SetText("2026-12-31")
	s.to.SetText("2026-01-01")
	s.load()
	h.settle()
	if s.status.Text != "The period ends before it starts." {
		t.Fatalf("status %q", s.status.Text)
	}
}

// countRects counts the rectangles drawn inside o (bars and legend boxes).
func countRects(o fyne.CanvasObject) int {
	n := 0
	switch v := o.(type) {
	case *canvas.Rectangle:
		return 1
	case *fyne.Container:
		for _, c := range v.Objects {
			n += countRects(c)
		}
	}
	return n
}

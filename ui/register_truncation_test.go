package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Only a text wider than its cell ends in "…": the others are drawn whole
// without Fyne shaping them again at every layout. Every text that does not
// fit its cell is truncated — after the first layout, after the window is
// made narrower and wider again — so none spills over the next column.
func TestOnlyTextsWiderThanTheirCellAreTruncated(t *testing.T) {
	h := newHarness(t, Options{})
	d := validDraft(1)
	d.Title = "A very long title " + strings.Repeat("about a recommender system that nudges minors ", 3)
	if _, err := h.svc.CreateCase(context.Background(), secretary, d); err != nil {
		t.Fatal(err)
	}
	h.seed(3)
	r := h.d.openRegister()
	r.win.Show()
	check := func(at string) {
		t.Helper()
		h.settle()
		r.table.Refresh()
		h.settle()
		long, short := false, false
		visitVisible(r.table, func(o fyne.CanvasObject) bool {
			l, ok := o.(*widget.Label)
			if !ok || l.Text == "" || l.Size().Width <= 0 {
				return !ok
			}
			need := fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width + 2*theme.InnerPadding()
			switch {
			case need > l.Size().Width+1 && l.Truncation != fyne.TextTruncateEllipsis:
				t.Errorf("%s: %q needs %.0f units in a cell of %.0f and is not truncated: it spills over the next column", at, l.Text, need, l.Size().Width)
			case strings.HasPrefix(l.Text, "A very long title"):
				long = l.Truncation == fyne.TextTruncateEllipsis
			case need <= l.Size().Width && l.Truncation == fyne.TextTruncateOff:
				short = true
			}
			return false
		})
		if !long {
			t.Errorf("%s: the long title is not drawn ending in an ellipsis", at)
		}
		if !short {
			t.Errorf("%s: no text that fits its cell is drawn without truncation", at)
		}
	}
	r.win.Resize(fyne.NewSize(1400, 700))
	check("1,400 wide")
	r.win.Resize(fyne.NewSize(760, 700))
	check("narrowed to 760")
	r.win.Resize(fyne.NewSize(1600, 700))
	check("widened to 1,600")
}

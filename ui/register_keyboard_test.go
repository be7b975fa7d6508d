package ui

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// outlinedRows lists the references of the rows drawn with the selection's
// outline, and the outline's colour.
func outlinedRows(r *registerWindow) (refs []string, c color.Color) {
	visitVisible(r.table, func(o fyne.CanvasObject) bool {
		box, ok := o.(*fyne.Container)
		if !ok || len(box.Objects) != 3 {
			return true
		}
		l, okL := box.Objects[1].(*widget.Label)
		ring, okR := box.Objects[2].(*fyne.Container)
		if !okL || !okR || len(ring.Objects) != 4 {
			return true
		}
		top := ring.Objects[0].(*canvas.Rectangle)
		if top.FillColor != nil && top.FillColor != color.Color(color.Transparent) {
			c = top.FillColor
			if len(l.Text) > 3 && l.Text[:3] == "EC-" {
				refs = append(refs, l.Text)
			}
		}
		return false
	})
	return refs, c
}

// TestKeyboardMovesTheSelectionAndEnterOpensIt walks the register with the
// keyboard alone: reaching the table selects its first row, Down moves on, the selected
// row is outlined in the theme's primary colour while the table has the
// keyboard, End and Home jump, and Enter opens the selected case without
// Space first.
func TestKeyboardMovesTheSelectionAndEnterOpensIt(t *testing.T) {
	h := newHarness(t, Options{})
	h.seed(5)
	r := h.d.openRegister()
	r.win.Resize(fyne.NewSize(1024, 700))
	r.win.Show()
	h.settle()

	r.win.Canvas().Focus(r.table)
	if r.selected != 0 {
		t.Fatalf("the keyboard on the table with nothing selected selects row %d, want the first", r.selected)
	}
	r.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	h.settle()
	refs, c := outlinedRows(r)
	if r.selected != 1 || len(refs) != 1 || refs[0] != "EC-2026-0004" {
		t.Fatalf("after Down, Down: selected row %d, outlined %v", r.selected, refs)
	}
	if c != theme.Color(theme.ColorNamePrimary) {
		t.Fatalf("the focused row's outline is %v, not the primary colour", c)
	}
	r.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	h.settle()
	if r.selected != 4 {
		t.Fatalf("End selects row %d", r.selected)
	}
	r.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	h.settle()
	if r.selected != 4 {
		t.Fatalf("Down on the last row moves to row %d", r.selected)
	}
	r.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	h.settle()
	r.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	h.settle()
	r.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	h.settle()
	r.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	h.settle()
	r.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	if len(h.d.caseWins) != 1 {
		t.Fatalf("Enter opened %d case windows", len(h.d.caseWins))
	}
	for _, cw := range h.d.caseWins {
		if cw.c.Reference != "EC-2026-0004" {
			t.Fatalf("Enter on the second row opened %s", cw.c.Reference)
		}
	}

	// Away from the table the outline stays, faint, so the row is not lost.
	r.win.Canvas().Focus(r.filters.search)
	h.settle()
	if refs, c := outlinedRows(r); len(refs) != 1 || c == theme.Color(theme.ColorNamePrimary) {
		t.Fatalf("with the keyboard in the search box the outline is on %v in %v", refs, c)
	}
}

// TestTheWindowsFocusColourCanBeSeen: the program's theme draws a focused
// button, select or row in a colour strong enough to see, not Fyne's 16 %.
func TestTheWindowsFocusColourCanBeSeen(t *testing.T) {
	h := newHarness(t, Options{})
	useDeskTheme(h.app)
	_, _, _, a := h.app.Settings().Theme().Color(theme.ColorNameFocus, theme.VariantLight).RGBA()
	_, _, _, def := theme.DefaultTheme().Color(theme.ColorNameFocus, theme.VariantLight).RGBA()
	if a>>8 < 0x60 || a <= def {
		t.Fatalf("the focus colour's opacity is %#x (Fyne's default %#x)", a>>8, def>>8)
	}
}

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

func menuItem(t *testing.T, w fyne.Window, sc fyne.Shortcut) *fyne.MenuItem {
	t.Helper()
	for _, m := range w.MainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() {
				return it
			}
		}
	}
	t.Fatalf("no menu item for %s", sc.ShortcutName())
	return nil
}

// Ctrl+F focuses the filter box, Ctrl+N opens the intake form, a double
// tap opens the row under the pointer, and a typed reference opens its case.
func TestKeyboardAndPointerOpenThings(t *testing.T) {
	h := newHarness(t, Options{})
	h.seed(3)
	r := h.d.openRegister()
	r.win.Show()
	h.settle()

	menuItem(t, r.win, shortcutFind).Action()
	h.settle()
	if r.win.Canvas().Focused() != r.filters.search {
		t.Fatal("Ctrl+F did not focus the filter box")
	}

	before := len(h.app.Driver().AllWindows())
	menuItem(t, r.win, shortcutNewCase).Action()
	h.settle()
	if len(h.app.Driver().AllWindows()) != before+1 {
		t.Fatal("Ctrl+N opened no form")
	}

	// The second data row (below the header) under the pointer: EC-2026-0002.
	r.table.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(200, 36+40+20)})
	h.settle()
	if len(h.d.caseWins) != 1 {
		t.Fatalf("double tap opened %d case windows", len(h.d.caseWins))
	}
	for _, cw := range h.d.caseWins {
		if cw.c.Reference != "EC-2026-0002" {
			t.Fatalf("double tap on the second row opened %s", cw.c.Reference)
		}
	}

	test.Type(r.filters.search, "EC-2026-0001")
	r.filters.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	c1, _ := h.svc.FindCase(context.Background(), secretary, "EC-2026-0001")
	if h.d.caseWins[c1.ID] == nil {
		t.Fatal("Enter in the filter box did not open the typed reference")
	}
	r.filters.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	h.settle()
	if r.filters.search.Text != "" {
		t.Fatal("Esc did not clear the filter box")
	}
}

// Saving an edit made on an out-of-date copy is refused with the
// colleague's name and a Reload button; nothing is overwritten.
func TestEditOnAStaleCopyOffersReload(t *testing.T) {
	h := newHarness(t, Options{})
	h.seed(1)
	ctx := context.Background()
	cw := h.d.openCase(1)
	h.settle()
	if cw.edit == nil {
		t.Fatal("a secretary is not offered Edit on a received case")
	}
	test.Tap(cw.edit)
	h.settle()
	var f *caseForm
	for _, w := range h.app.Driver().AllWindows() {
		if strings.HasPrefix(w.Title(), "Edit EC-2026-0001") {
			f = formOf(h, w)
		}
	}
	if f == nil {
		t.Fatal("Edit opened no form")
	}
	if f.title.Text != cw.c.Title || f.typ.value() != "privacy_complaint" || f.catalogue.Text != "G54" {
		t.Fatalf("the edit form is not filled in: %q %q %q", f.title.Text, f.typ.value(), f.catalogue.Text)
	}

	// A colleague saves first.
	colleague := cases.User{ID: 9, Username: "wu", DisplayName: "Wu Min", Role: cases.RoleSecretariat, Active: true}
	d := cw.c.Draft
	d.Title = "Changed by a colleague"
	if _, err := h.svc.UpdateCase(ctx, colleague, 1, cw.c.Version, d); err != nil {
		t.Fatal(err)
	}

	f.title.SetText("My change")
	test.Tap(f.save)
	h.settle()
	if f.closed {
		t.Fatal("a stale save closed the form")
	}
	top := f.win.Canvas().Overlays().Top()
	if top == nil || !containsPart(labelTexts(top), "Wu Min") {
		t.Fatal("no dialog naming the colleague who changed the case")
	}
	c, _ := h.svc.GetCase(ctx, secretary, 1)
	if c.Title != "Changed by a colleague" {
		t.Fatalf("the colleague's change was overwritten: %q", c.Title)
	}
	if b := findButton(top, "Reload"); b == nil {
		t.Fatal("no Reload button")
	} else {
		test.Tap(b)
		h.settle()
	}
	if cw.title.Text != "Changed by a colleague" {
		t.Fatalf("Reload did not show the colleague's version: %q", cw.title.Text)
	}
}

// formOf finds the caseForm behind a window (the desk keeps the last one).
func formOf(h *harness, w fyne.Window) *caseForm {
	if h.d.lastForm != nil && h.d.lastForm.win == w {
		return h.d.lastForm
	}
	return nil
}

func findButton(o fyne.CanvasObject, text string) *widget.Button {
	bs := buttonsIn(o, text)
	if len(bs) == 0 {
		return nil
	}
	return bs[len(bs)-1]
}

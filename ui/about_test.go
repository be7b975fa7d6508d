package ui

import (
	"testing"

	"ethicsdesk/internal/version"
)

// The About box names the version FyneApp.toml sets (internal/version
// is generated from it and checked against it), the one --version prints.
func TestAboutBoxShowsTheVersion(t *testing.T) {
	h := newHarness(t, Options{})
	r := h.d.openRegister()
	r.win.Show()
	h.settle()
	for _, m := range r.mainMenu().Items {
		for _, it := range m.Items {
			if it.Label == "About Ethics Desk" {
				it.Action()
				h.settle()
			}
		}
	}
	top := r.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("the About menu item opened nothing")
	}
	if want := "Ethics Desk " + version.Number; !containsPart(labelTexts(top), want) {
		t.Errorf("the About box says %q, not %q", labelTexts(top), want)
	}
}

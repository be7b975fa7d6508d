package ui

import (
	"testing"

	"fyne.io/fyne/v2"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// The secretariat asks for a submitter's data: an empty or unknown name is
// answered at the field, a known one goes on to the file.
func TestSubmitterDataExportAsksForAKnownSubmitter(t *testing.T) {
	h := newHarness(t, Options{})
	h.seed(2)
	r := h.d.openRegister()
	h.settle()
	if !menuHas(r.reportsMenu(), "Export a submitter's data…") {
		t.Fatal("the secretariat has no submitter export")
	}
	r.exportSubmitter()
	top := r.win.Canvas().Overlays().Top()
	next := findButton(top, "Choose file…")
	test.Tap(next)
	h.settle()
	if !containsPart(labelTexts(top), "Enter the submitter's name or e-mail address.") {
		t.Fatalf("empty name: %v", labelTexts(top))
	}
	who := entriesIn(top)[0]
	test.Type(who, "Nobody Known")
	test.Tap(next)
	h.settle()
	if !containsPart(labelTexts(top), "No case has a submitter with this name or e-mail address.") {
		t.Fatalf("unknown name: %v", labelTexts(top))
	}
	who.SetText("zhang wei")
	test.Tap(next)
	h.settle()
	if now := r.win.Canvas().Overlays().Top(); now == top || now == nil {
		t.Fatal("a known submitter did not go on to choosing the file")
	}

	h.d.actor = cases.User{ID: 9, Username: "chen", DisplayName: "Dr. Chen", Role: cases.RoleMember, Active: true}
	if menuHas(r.reportsMenu(), "Export a submitter's data…") {
		t.Fatal("a member is offered a submitter's data")
	}
}

// entriesIn lists the visible text boxes inside o, widgets' parts included.
func entriesIn(o fyne.CanvasObject) []*widget.Entry {
	var out []*widget.Entry
	visitVisible(o, func(o fyne.CanvasObject) bool {
		if e, ok := o.(*widget.Entry); ok {
			out = append(out, e)
			return false
		}
		return true
	})
	return out
}

func menuHas(m *fyne.Menu, label string) bool {
	for _, it := range m.Items {
		if it.Label == label {
			return true
		}
	}
	return false
}

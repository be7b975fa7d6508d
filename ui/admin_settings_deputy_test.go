package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// The administrator names the deputy chair from the active members and
// chairs (never the secretariat), and saving the other rules keeps it.
func TestAdministratorNamesTheDeputyChair(t *testing.T) {
	p := newPeople(t)
	ctx := context.Background()
	p.as(p.admin)
	s := p.d.openSettings()
	p.settle()
	if s.deputy.Selected != "(none)" {
		t.Fatalf("a deputy chair is named by default: %q", s.deputy.Selected)
	}
	var pick string
	for _, o := range s.deputy.Options {
		if strings.Contains(o, p.sec.DisplayName) || strings.Contains(o, "(admin)") {
			t.Fatalf("%q is offered as deputy chair", o)
		}
		if strings.Contains(o, "("+p.members[2].Username+")") {
			pick = o
		}
	}
	s.deputy.SetSelected(pick)
	p.settle()
	test.Tap(s.saveRules)
	p.settle()
	if st, _ := p.svc.Settings(ctx); st.DeputyChairID != p.members[2].ID || s.rulesSaved.Text != "Saved." {
		t.Fatalf("deputy chair not saved: %+v %v", st, s.rules.messages())
	}
	again := p.d.openSettings()
	p.settle()
	if again.deputy.Selected != pick {
		t.Fatalf("the settings reopen with deputy %q, want %q", again.deputy.Selected, pick)
	}
	again.quorum.SetText("4")
	test.Tap(again.saveRules)
	p.settle()
	if st, _ := p.svc.Settings(ctx); st.DeputyChairID != p.members[2].ID || st.Quorum != 4 {
		t.Fatalf("saving the quorum lost the deputy chair: %+v", st)
	}
}

package issuing_test

import (
	"context"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// An issued opinion with recommendations or conditions puts its case into
// Follow-up, due 12 months after issue; one without stays Opinion issued,
// and a complaint not upheld cannot be moved into Follow-up by hand.
func TestFollowUpStartsByItselfAndNeverForAComplaintNotUpheld(t *testing.T) {
	ctx := context.Background()
	issue := func(w *world, txt cases.OpinionText) cases.Case {
		t.Helper()
		if _, err := w.Service.SaveOpinionDraft(ctx, w.Rapporteur, w.caseID, 0, txt); err != nil {
			t.Fatal(err)
		}
		if _, err := w.Service.SignOpinion(ctx, w.Rapporteur, w.caseID, rappPass); err != nil {
			t.Fatal(err)
		}
		if _, err := w.Service.SignOpinion(ctx, w.Chair, w.caseID, chairPass); err != nil {
			t.Fatal(err)
		}
		c, err := w.Service.GetCase(ctx, w.Chair, w.caseID)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	w := newWorld(t)
	c := issue(w, text()) // upheld, with a recommendation
	today := w.Service.Today()
	want := cases.Date{}
	want = cases.DateOf(today.Time().AddDate(0, cases.FollowUpMonths, 0))
	if c.Status != cases.FollowUp || c.DueOn != want {
		t.Fatalf("an opinion with recommendations left the case %s, due %s (want follow-up due %s)", c.Status, c.DueOn, want)
	}
	tl, err := w.Service.Timeline(ctx, w.Chair, w.caseID)
	if err != nil || len(tl) == 0 || tl[0].Change == nil || tl[0].Change.To != cases.FollowUp || !strings.Contains(tl[0].Change.Reason, "recommendations") {
		t.Fatalf("the timeline does not say why follow-up started: %+v %v", tl, err)
	}

	w = newWorld(t)
	notUpheld := text()
	notUpheld.Decision = cases.DecisionNotUpheld
	c = issue(w, notUpheld)
	if c.Status != cases.OpinionIssued {
		t.Fatalf("a complaint not upheld went to %s", c.Status)
	}
	if _, err := w.Service.Transition(ctx, w.Chair, c.ID, c.Version, cases.FollowUp, ""); err == nil || !strings.Contains(err.Error(), "cannot enter follow-up") {
		t.Fatalf("a complaint not upheld was moved into follow-up: %v", err)
	}
}

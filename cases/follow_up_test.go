package cases_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
)

// After an approving opinion the case may go to follow-up, whose review
// is due twelve months after the opinion was issued; the workflow offers
// no manual move to "Opinion issued" and offers nothing to a member.
func TestFollowUpIsDueTwelveMonthsAfterIssue(t *testing.T) {
	k := newCommittee(t).withPaperSigning() // Tuesday 10 Mar 2026
	ctx := context.Background()
	rapp := k.members[0]
	id := k.caseInOpinionDrafting(rapp)
	c, err := k.svc.GetCase(ctx, k.sec, id)
	must(t, err)
	for _, to := range k.svc.AllowedMoves(k.sec, c) {
		if to == cases.OpinionIssued {
			t.Fatal("a manual move to Opinion issued is offered")
		}
	}
	if len(k.svc.AllowedMoves(k.sec, c)) == 0 {
		t.Fatal("the secretariat is offered no move from opinion drafting")
	}
	if moves := k.svc.AllowedMoves(rapp, c); len(moves) != 0 {
		t.Fatalf("a member is offered moves: %v", moves)
	}
	k.issue(rapp, id)
	k.clock.advance(48 * time.Hour)
	c, err = k.svc.GetCase(ctx, k.sec, id)
	must(t, err)
	c, err = k.svc.Transition(ctx, k.sec, id, c.Version, cases.FollowUp, "")
	must(t, err)
	if c.DueOn != cases.MustDate("2027-03-10") {
		t.Fatalf("follow-up of an opinion issued on 10 Mar 2026 is due %s, want 2027-03-10 (%s)", c.DueOn, c.Deadline)
	}
	c, err = k.svc.Transition(ctx, k.sec, id, c.Version, cases.Closed, "")
	must(t, err)
	if !c.DueOn.IsZero() {
		t.Fatalf("a closed case is still due on %s", c.DueOn)
	}
}

// issueWith issues an opinion with text t on a case in drafting.
func (k *committee) issueWith(rapp cases.User, caseID int64, t cases.OpinionText) cases.Opinion {
	k.t.Helper()
	ctx := context.Background()
	if _, err := k.svc.SaveOpinionDraft(ctx, rapp, caseID, 0, t); err != nil {
		k.t.Fatal(err)
	}
	if _, err := k.svc.SignOpinion(ctx, rapp, caseID, pw); err != nil {
		k.t.Fatal(err)
	}
	op, err := k.svc.SignOpinion(ctx, k.chair, caseID, pw)
	if err != nil || op.State != cases.OpinionIssuedState {
		k.t.Fatalf("countersignature: %v", err)
	}
	return op
}

// An issued opinion that sets recommendations or conditions puts its case
// into Follow-up by itself, due twelve months later; a recommendations
// heading left blank, or an opinion that found nothing to act on, leaves
// the case at Opinion issued, and the latter may not be moved to
// Follow-up by hand either.
func TestRecommendationsStartTheFollowUpByThemselves(t *testing.T) {
	k := newCommittee(t).withPaperSigning() // Tuesday 10 Mar 2026
	ctx := context.Background()
	rapp := k.members[0]
	with := func(d cases.Decision, recommendations string) cases.OpinionText {
		ot := opinionText()
		ot.Decision = d
		ot.Paragraphs = append(ot.Paragraphs, cases.Paragraph{Heading: cases.HeadRecommendations, Text: recommendations})
		return ot
	}

	upheld := k.caseInOpinionDrafting(rapp)
	k.issueWith(rapp, upheld, with(cases.DecisionUpheld, "Delete the stored face images within 30 days."))
	c, err := k.svc.GetCase(ctx, k.sec, upheld)
	must(t, err)
	if c.Status != cases.FollowUp || c.DueOn != cases.MustDate("2027-03-10") {
		t.Fatalf("an opinion with recommendations left the case %s, due %s; want follow-up due 2027-03-10", c.Status, c.DueOn)
	}

	blank := k.caseInOpinionDrafting(rapp)
	k.issueWith(rapp, blank, with(cases.DecisionPartlyUpheld, " \n "))
	if c, err = k.svc.GetCase(ctx, k.sec, blank); err != nil || c.Status != cases.OpinionIssued {
		t.Fatalf("a blank recommendations paragraph moved the case to %s (%v)", c.Status, err)
	}

	notUpheld := k.caseInOpinionDrafting(rapp)
	k.issueWith(rapp, notUpheld, with(cases.DecisionNotUpheld, "The operator might consider a notice at the gates."))
	c, err = k.svc.GetCase(ctx, k.sec, notUpheld)
	must(t, err)
	if c.Status != cases.OpinionIssued {
		t.Fatalf("a complaint not upheld went to %s", c.Status)
	}
	_, err = k.svc.Transition(ctx, k.sec, notUpheld, c.Version, cases.FollowUp, "")
	if err == nil || !strings.Contains(err.Error(), "cannot enter follow-up") || !strings.Contains(err.Error(), `"complaint not upheld"`) {
		t.Fatalf("a complaint not upheld was moved to follow-up by hand: %v", err)
	}
	// The one with the blank paragraph was upheld in part: the secretariat
	// may still start its follow-up by hand.
	c, err = k.svc.GetCase(ctx, k.sec, blank)
	must(t, err)
	if _, err := k.svc.Transition(ctx, k.sec, blank, c.Version, cases.FollowUp, ""); err != nil {
		t.Fatalf("a complaint partly upheld could not enter follow-up: %v", err)
	}
}

// A case imported at "Opinion issued" from another system, with no
// opinion in this register, may still be moved to Follow-up.
func TestAnImportedIssuedCaseWithoutAnOpinionMayEnterFollowUp(t *testing.T) {
	k := newCommittee(t).withPaperSigning()
	ctx := context.Background()
	now := k.clock.now().UTC()
	d := k.newCase(false, cases.RiskHigh).Draft
	c := cases.Case{Draft: d, Status: cases.OpinionIssued, CreatedAt: now, CreatedBy: "import", UpdatedAt: now, UpdatedBy: "import"}
	batch := []cases.ImportedCase{{Case: c, History: []cases.StatusChange{
		{At: now.Add(-30 * 24 * time.Hour), Actor: "import", From: cases.Received, To: cases.Screening},
		{At: now.Add(-2 * 24 * time.Hour), Actor: "import", From: cases.OpinionDrafting, To: cases.OpinionIssued}}}}
	must(t, k.db.ImportCases(ctx, batch, cases.AuditEntry{Actor: cases.System, Action: "test.import", Entity: "register"}))
	got, err := k.svc.GetCase(ctx, k.sec, batch[0].Case.ID)
	must(t, err)
	if got, err = k.svc.Transition(ctx, k.sec, got.ID, got.Version, cases.FollowUp, ""); err != nil || got.Status != cases.FollowUp {
		t.Fatalf("an imported issued case could not enter follow-up: %v", err)
	}
}

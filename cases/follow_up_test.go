package cases_test

import (
	"context"
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

package cases_test

import (
	"context"
	"errors"
	"testing"

	"ethicsdesk/cases"
)

// The annual report lists the opinions issued in the year: an open case
// with its title and decision, a confidential one under the placeholder
// title only, nothing from other years, and nothing for a role that may
// not view the register or for a period that ends before it starts.
func TestTheYearsIssuedOpinionsHideConfidentialTitles(t *testing.T) {
	k := newCommittee(t).withPaperSigning()
	ctx := context.Background()
	open := k.caseInOpinionDrafting(k.members[0])
	k.issue(k.members[0], open)
	secret := k.caseInOpinionDrafting(k.members[1])
	must(t, k.svc.AddPanelMember(ctx, k.sec, secret, k.chair.ID)) // who countersigns a confidential case sits on its panel
	c, err := k.svc.GetCase(ctx, k.sec, secret)
	must(t, err)
	d := c.Draft
	d.Confidential = true
	c, err = k.svc.UpdateCase(ctx, k.sec, c.ID, c.Version, d)
	must(t, err)
	k.issue(k.members[1], secret)

	year := k.clock.now().Year()
	rows, err := k.svc.OpinionsIssuedIn(ctx, k.sec, cases.YearPeriod(year))
	must(t, err)
	if len(rows) != 2 {
		t.Fatalf("%d opinions listed for %d, want 2: %+v", len(rows), year, rows)
	}
	titles := map[string]cases.IssuedOpinionRow{}
	for _, r := range rows {
		titles[r.Reference] = r
	}
	openCase, err := k.svc.GetCase(ctx, k.sec, open)
	must(t, err)
	if r := titles[openCase.Reference]; r.Title != openCase.Title || r.Decision != cases.DecisionUpheld || r.IssuedOn != cases.DateOf(k.clock.now()) {
		t.Fatalf("the open case's row is %+v, want its title %q, the decision and today", r, openCase.Title)
	}
	if r := titles[c.Reference]; r.Title != cases.ConfidentialTitle || !r.Confidential {
		t.Fatalf("the confidential case's row is %+v: its title is printed", r)
	}

	if rows, err := k.svc.OpinionsIssuedIn(ctx, k.sec, cases.YearPeriod(year-1)); err != nil || len(rows) != 0 {
		t.Fatalf("the year before lists %+v (%v), want none", rows, err)
	}
	backwards := cases.Period{From: cases.NewDate(year, 12, 31), To: cases.NewDate(year, 1, 1)}
	if _, err := k.svc.OpinionsIssuedIn(ctx, k.sec, backwards); err == nil {
		t.Fatal("a period ending before it starts was accepted")
	}
	var forbidden *cases.ForbiddenError
	if _, err := k.svc.OpinionsIssuedIn(ctx, cases.User{ID: 999, Role: cases.RoleMember}, cases.YearPeriod(year)); !errors.As(err, &forbidden) {
		t.Fatalf("an inactive account read the list: %v", err)
	}
}

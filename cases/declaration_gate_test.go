package cases_test

import (
	"context"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// exported lists the references ExportCases hands to who.
func (k *committee) exported(who cases.User) []string {
	k.t.Helper()
	var refs []string
	_, err := k.svc.ExportCases(context.Background(), who, cases.ExportRequest{Format: "csv"}, func(c cases.Case) error {
		refs = append(refs, c.Reference)
		return nil
	})
	must(k.t, err)
	return refs
}

// searched lists the references of who's search results for text.
func (k *committee) searched(who cases.User, text string) []string {
	k.t.Helper()
	hits, err := k.svc.Search(context.Background(), who, text, cases.Query{}, 0, 100)
	must(k.t, err)
	var refs []string
	for _, h := range hits {
		refs = append(refs, h.Reference)
	}
	return refs
}

// A panel member who has not yet declared (on an open, not confidential
// case) finds it neither in search results nor in an export; the same
// for a rapporteur who has not declared and for a recused member. After
// "no conflict" the case appears.
func TestUndeclaredPanelMembersDoNotSearchOrExportTheCase(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := k.newCase(false, cases.RiskHigh)
	rapp, panellist, recused, outsider := k.members[0], k.members[1], k.members[2], k.members[3]
	_, err := k.svc.AssignRapporteur(ctx, k.sec, c.ID, rapp.ID)
	must(t, err)
	must(t, k.svc.AddPanelMember(ctx, k.sec, c.ID, panellist.ID))
	must(t, k.svc.AddPanelMember(ctx, k.sec, c.ID, recused.ID))
	must(t, k.svc.DeclareInterest(ctx, recused, c.ID, true, "I advised the respondent."))

	for _, who := range []cases.User{rapp, panellist, recused} {
		if got := k.searched(who, "GateFace"); len(got) != 0 {
			t.Fatalf("%s, undeclared or recused, finds the case in search: %v", who.Username, got)
		}
		if got := k.exported(who); len(got) != 0 {
			t.Fatalf("%s, undeclared or recused, exports the case: %v", who.Username, got)
		}
	}
	// Someone not on the panel declares too before an open case opens to
	// them, and then finds it.
	if got := k.searched(outsider, "GateFace"); len(got) != 0 {
		t.Fatalf("a member off the panel finds the case before declaring: %v", got)
	}
	must(t, k.svc.DeclareInterest(ctx, outsider, c.ID, false, ""))
	if got := k.searched(outsider, "GateFace"); len(got) != 1 {
		t.Fatalf("a member off the panel, declared, does not find an open case: %v", got)
	}
	if got := k.exported(outsider); len(got) != 1 {
		t.Fatalf("a member off the panel, declared, does not export an open case: %v", got)
	}
	for _, who := range []cases.User{rapp, panellist} {
		must(t, k.svc.DeclareInterest(ctx, who, c.ID, false, ""))
		if got := k.searched(who, "GateFace"); len(got) != 1 || got[0] != c.Reference {
			t.Fatalf("%s, declared, does not find the case: %v", who.Username, got)
		}
		if got := k.exported(who); len(got) != 1 {
			t.Fatalf("%s, declared, does not export the case: %v", who.Username, got)
		}
	}
	if got := k.exported(k.sec); len(got) != 1 {
		t.Fatalf("the secretariat's export: %v", got)
	}
}

// A member who voted and then declared a conflict is recused: their vote
// no longer counts in the tally.
func TestVoteCastBeforeAConflictIsNotCounted(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := k.newCase(false, cases.RiskHigh)
	m, err := k.svc.CreateMeeting(ctx, k.sec, cases.MustDate("2026-03-20"), "March sitting")
	must(t, err)
	must(t, k.svc.AddToAgenda(ctx, k.sec, m.ID, c.ID))
	voters := append([]cases.User{k.chair}, k.members[:5]...) // 6 present
	late := k.members[4]
	must(t, k.svc.AddPanelMember(ctx, k.sec, c.ID, late.ID))
	must(t, k.svc.DeclareInterest(ctx, late, c.ID, false, ""))
	for _, u := range voters {
		if u.ID != late.ID {
			must(t, k.svc.DeclareInterest(ctx, u, c.ID, false, ""))
		}
		must(t, k.svc.AddMemberAttendance(ctx, k.sec, m.ID, u.ID))
		v := cases.VoteApprove
		if u.ID == late.ID {
			v = cases.VoteReject
		}
		must(t, k.svc.RecordVote(ctx, u, m.ID, c.ID, u.ID, v))
	}
	tally, _, err := k.svc.Tally(ctx, k.sec, m.ID, c.ID)
	must(t, err)
	if tally.Reject != 1 || tally.Eligible != 6 {
		t.Fatalf("before the conflict: %+v", tally)
	}
	must(t, k.svc.DeclareInterest(ctx, late, c.ID, true, "My spouse works for the respondent."))
	tally, votes, err := k.svc.Tally(ctx, k.sec, m.ID, c.ID)
	must(t, err)
	if tally.Reject != 0 || tally.Recused != 1 || tally.Eligible != 5 || tally.Approve != 5 || len(votes) != 5 {
		t.Fatalf("the recused member's earlier vote still counts: %+v (%d votes)", tally, len(votes))
	}
	for _, v := range votes {
		if v.UserID == late.ID {
			t.Fatalf("the recused member's vote is listed: %+v", v)
		}
	}
}

// The calendar export names a confidential case by reference only: its
// title appears in no event, while an open case's title does.
func TestCalendarHidesConfidentialTitles(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	secret := k.newCase(true, cases.RiskHigh)
	open := k.newCase(false, cases.RiskHigh)
	d := secret.Draft
	d.Title = "Secret merger of Metro Co."
	secret, err := k.svc.UpdateCase(ctx, k.sec, secret.ID, secret.Version, d)
	must(t, err)
	for _, c := range []cases.Case{secret, open} {
		c1, err := k.svc.Transition(ctx, k.sec, c.ID, c.Version, cases.Screening, "")
		must(t, err)
		_, err = k.svc.Transition(ctx, k.sec, c.ID, c1.Version, cases.UnderReview, "")
		must(t, err)
	}
	events, err := k.svc.CalendarEvents(ctx, k.sec, cases.Query{})
	must(t, err)
	var sawSecret, sawOpen bool
	for _, e := range events {
		all := e.Summary + " " + e.Detail
		if strings.Contains(all, "Secret merger") {
			t.Fatalf("a confidential case's title is in the calendar: %+v", e)
		}
		if strings.Contains(e.Summary, secret.Reference) {
			sawSecret = strings.HasPrefix(e.Detail, cases.ConfidentialTitle)
		}
		if strings.Contains(e.Summary, open.Reference) {
			sawOpen = strings.HasPrefix(e.Detail, open.Title+" (Under review)")
		}
	}
	if !sawSecret || !sawOpen {
		t.Fatalf("events do not show the confidential case by reference and the open one by title: %+v", events)
	}
}

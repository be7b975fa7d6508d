package cases_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

func TestConflictsOfInterestCloseTheCase(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := k.newCase(true, cases.RiskHigh)
	chen, liu, huang := k.members[0], k.members[1], k.members[2]
	outsider := k.members[3]

	_, err := k.svc.AssignRapporteur(ctx, k.sec, c.ID, chen.ID)
	must(t, err)
	must(t, k.svc.AddPanelMember(ctx, k.sec, c.ID, liu.ID))
	must(t, k.svc.AddPanelMember(ctx, k.sec, c.ID, huang.ID))
	_, err = k.svc.AddNote(ctx, k.sec, c.ID, "Spoke to the respondent's lawyer.", false)
	must(t, err)

	// Undeclared: only the summary, in the case and in the register.
	_, err = k.svc.GetCase(ctx, liu, c.ID)
	var ie *cases.InterestError
	if !errors.As(err, &ie) || ie.Recused {
		t.Fatalf("undeclared member reads the case: %v", err)
	}
	if ie.Summary.Reference != c.Reference || ie.Summary.TypeCode != c.TypeCode || ie.Summary.Respondent != "Metro Co." ||
		ie.Summary.Title != "" || ie.Summary.Summary != "" || ie.Summary.AISystem != "" {
		t.Fatalf("summary shows more than reference, type and respondent: %+v", ie.Summary)
	}
	if _, err := k.svc.Timeline(ctx, liu, c.ID); !errors.As(err, &ie) {
		t.Fatalf("undeclared member reads the notes: %v", err)
	}
	rows, _ := k.svc.ListCases(ctx, liu, cases.Query{}, 0, 10)
	if len(rows) != 1 || rows[0].Title != "" {
		t.Fatalf("undeclared member's register row: %+v", rows)
	}

	// No conflict: the case opens.
	must(t, k.svc.DeclareInterest(ctx, liu, c.ID, false, ""))
	got, err := k.svc.GetCase(ctx, liu, c.ID)
	if err != nil || got.Summary == "" {
		t.Fatalf("declared member: %v", err)
	}
	tl, err := k.svc.Timeline(ctx, liu, c.ID)
	if err != nil || len(tl) != 2 { // a note and liu's declaration
		t.Fatalf("declared member's timeline: %v %v", tl, err)
	}

	// A conflict recuses: no details, notes or votes; the reason shows.
	if err := k.svc.DeclareInterest(ctx, huang, c.ID, true, ""); err == nil {
		t.Fatal("a conflict without a reason was accepted")
	}
	must(t, k.svc.DeclareInterest(ctx, huang, c.ID, true, "I advised Metro Co. in 2024."))
	if _, err := k.svc.GetCase(ctx, huang, c.ID); !errors.As(err, &ie) || !ie.Recused {
		t.Fatalf("recused member reads the case: %v", err)
	}
	if _, err := k.svc.Timeline(ctx, huang, c.ID); err == nil {
		t.Fatal("recused member reads the notes")
	}
	if _, err := k.svc.AddNote(ctx, huang, c.ID, "My view", false); err == nil {
		t.Fatal("recused member added a note")
	}
	if err := k.svc.CheckCaseAccess(ctx, huang, c.ID); err == nil {
		t.Fatal("recused member may open attachments")
	}
	if err := k.svc.RequireNoConflict(ctx, huang, c.ID); !errors.As(err, &ie) {
		t.Fatalf("recused member may sign: %v", err)
	}
	if err := k.svc.DeclareInterest(ctx, huang, c.ID, false, ""); err == nil {
		t.Fatal("a recusal was withdrawn")
	}
	panel, err := k.svc.Panel(ctx, k.sec, c.ID)
	must(t, err)
	var sawRecusal bool
	for _, p := range panel {
		if p.UserID == huang.ID && p.Recused() && p.Reason == "I advised Metro Co. in 2024." {
			sawRecusal = true
		}
	}
	if !sawRecusal || !panel[0].Rapporteur || panel[0].UserID != chen.ID {
		t.Fatalf("panel does not show the rapporteur first and the recusal: %+v", panel)
	}
	if err := k.svc.RemovePanelMember(ctx, k.sec, c.ID, huang.ID); err == nil {
		t.Fatal("a recused member was removed, erasing the recusal from the case")
	}
	if _, err := k.svc.AssignRapporteur(ctx, k.sec, c.ID, huang.ID); err == nil {
		t.Fatal("a recused member became rapporteur")
	}

	// Confidential: invisible to a member who is not on the panel, and to
	// the administrator, in the case, the register and the counts.
	for _, who := range []cases.User{outsider, k.admin, k.chair} {
		if _, err := k.svc.GetCase(ctx, who, c.ID); !errors.Is(err, cases.ErrNotFound) {
			t.Fatalf("%s reads a confidential case: %v", who.Username, err)
		}
		if n, total, _ := k.svc.CountCases(ctx, who, cases.Query{}); n != 0 || total != 0 {
			t.Fatalf("%s counts %d/%d confidential cases", who.Username, n, total)
		}
		if _, err := k.svc.Timeline(ctx, who, c.ID); !errors.Is(err, cases.ErrNotFound) {
			t.Fatalf("%s reads a confidential case's notes: %v", who.Username, err)
		}
	}
	// The recused member does not see it in the register either.
	if n, _, _ := k.svc.CountCases(ctx, huang, cases.Query{}); n != 0 {
		t.Fatalf("recused member counts the confidential case")
	}
	if _, err := k.svc.GetCase(ctx, k.sec, c.ID); err != nil {
		t.Fatalf("the secretariat cannot read a confidential case: %v", err)
	}

	// The rapporteur must declare too; recusing ends their assignment.
	if _, err := k.svc.GetCase(ctx, chen, c.ID); !errors.As(err, &ie) {
		t.Fatalf("undeclared rapporteur reads the case: %v", err)
	}
	must(t, k.svc.DeclareInterest(ctx, chen, c.ID, true, "Former employee of the respondent."))
	after, _ := k.svc.GetCase(ctx, k.sec, c.ID)
	if after.RapporteurID != 0 {
		t.Fatalf("a recused rapporteur is still rapporteur")
	}
}

// Every member declares before a case's details open and before their vote
// counts, whether or not they sit on its panel; a recused member's vote is
// refused.
func TestEveryMemberDeclaresBeforeEveryLookAndEveryVote(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := k.newCase(false, cases.RiskHigh)
	outsider, other := k.members[0], k.members[1]
	var ie *cases.InterestError
	if _, err := k.svc.GetCase(ctx, outsider, c.ID); !errors.As(err, &ie) || !strings.Contains(err.Error(), "Declare your interests first") {
		t.Fatalf("a member outside the panel read the case without declaring: %v", err)
	}
	if _, err := k.svc.CaseHistory(ctx, k.chair, c.ID); !errors.As(err, &ie) {
		t.Fatalf("the chair read the history without declaring: %v", err)
	}
	m, err := k.svc.CreateMeeting(ctx, k.sec, cases.MustDate("2026-03-20"), "")
	must(t, err)
	must(t, k.svc.AddToAgenda(ctx, k.sec, m.ID, c.ID))
	for _, u := range []cases.User{outsider, other} {
		must(t, k.svc.AddMemberAttendance(ctx, k.sec, m.ID, u.ID))
	}
	if err := k.svc.RecordVote(ctx, k.sec, m.ID, c.ID, outsider.ID, cases.VoteApprove); err == nil || !strings.Contains(err.Error(), "must first declare") {
		t.Fatalf("an undeclared member's vote was taken: %v", err)
	}
	must(t, k.svc.DeclareInterest(ctx, outsider, c.ID, false, ""))
	if got, err := k.svc.GetCase(ctx, outsider, c.ID); err != nil || got.Title == "" {
		t.Fatalf("after declaring, the case is still closed: %v", err)
	}
	must(t, k.svc.RecordVote(ctx, outsider, m.ID, c.ID, outsider.ID, cases.VoteApprove))

	must(t, k.svc.DeclareInterest(ctx, other, c.ID, true, "I advised the respondent last year."))
	if err := k.svc.RecordVote(ctx, k.sec, m.ID, c.ID, other.ID, cases.VoteReject); err == nil || !strings.Contains(err.Error(), "is recused") {
		t.Fatalf("a recused member's vote was taken: %v", err)
	}
	tally, votes, err := k.svc.Tally(ctx, k.sec, m.ID, c.ID)
	must(t, err)
	if len(votes) != 1 || tally.Approve != 1 || tally.Recused != 1 {
		t.Fatalf("stored votes: %+v %+v", votes, tally)
	}
	// A confidential case stays unknown to a member outside its panel.
	secret := k.newCase(true, cases.RiskHigh)
	if err := k.svc.DeclareInterest(ctx, outsider, secret.ID, false, ""); !errors.Is(err, cases.ErrNotFound) {
		t.Fatalf("a member declared on a confidential case they may not know of: %v", err)
	}
}

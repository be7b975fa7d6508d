package cases_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"ethicsdesk/cases"
)

// listed is the references of who's register page.
func (k *committee) listed(who cases.User) []string {
	k.t.Helper()
	rows, err := k.svc.ListCases(context.Background(), who, cases.Query{}, 0, 100)
	must(k.t, err)
	var refs []string
	for _, r := range rows {
		refs = append(refs, r.Reference)
	}
	return refs
}

// makeConfidential is the secretariat marking c confidential.
func (k *committee) makeConfidential(c cases.Case) cases.Case {
	k.t.Helper()
	now, err := k.svc.GetCase(context.Background(), k.sec, c.ID)
	must(k.t, err)
	d := now.Draft
	d.Confidential = true
	got, err := k.svc.UpdateCase(context.Background(), k.sec, c.ID, now.Version, d)
	must(k.t, err)
	return got
}

func memberIDs(ps []cases.PanelMember) []int64 {
	var ids []int64
	for _, p := range ps {
		ids = append(ids, p.UserID)
	}
	return ids
}

// A member and the chair, off the panel, declare "no conflict" and read an
// open case; once the secretariat marks it confidential it is gone for
// them — the case, its notes and panel, their register page, search,
// export, a declaration and a vote — while the appointed panel keeps it.
func TestAReaderOffThePanelLosesACaseMadeConfidential(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := k.newCase(false, cases.RiskHigh)
	panellist, reader := k.members[0], k.members[1]
	must(t, k.svc.AddPanelMember(ctx, k.sec, c.ID, panellist.ID))
	readers := []cases.User{reader, k.chair}
	for _, u := range append([]cases.User{panellist}, readers...) {
		must(t, k.svc.DeclareInterest(ctx, u, c.ID, false, ""))
		if _, err := k.svc.GetCase(ctx, u, c.ID); err != nil {
			t.Fatalf("%s, declared, cannot read the open case: %v", u.Username, err)
		}
		if got := k.listed(u); !slices.Contains(got, c.Reference) {
			t.Fatalf("%s does not see the open case in the register: %v", u.Username, got)
		}
		if got := k.searched(u, "GateFace"); len(got) != 1 {
			t.Fatalf("%s does not find the open case: %v", u.Username, got)
		}
	}
	m, err := k.svc.CreateMeeting(ctx, k.sec, cases.MustDate("2026-03-20"), "March sitting")
	must(t, err)
	must(t, k.svc.AddToAgenda(ctx, k.sec, m.ID, c.ID))
	must(t, k.svc.AddMemberAttendance(ctx, k.sec, m.ID, reader.ID))
	must(t, k.svc.AddMemberAttendance(ctx, k.sec, m.ID, panellist.ID))

	k.makeConfidential(c)
	if err := k.svc.RecordVote(ctx, reader, m.ID, c.ID, reader.ID, cases.VoteApprove); err == nil {
		t.Error("a reader off the panel voted on the confidential case")
	}
	if err := k.svc.RecordVote(ctx, k.sec, m.ID, c.ID, reader.ID, cases.VoteApprove); err == nil {
		t.Error("the secretariat recorded a vote of a reader off the panel on the confidential case")
	}

	for _, u := range readers {
		if _, err := k.svc.GetCase(ctx, u, c.ID); !errors.Is(err, cases.ErrNotFound) {
			t.Errorf("%s, a reader off the panel, still reads the confidential case: %v", u.Username, err)
		}
		if _, err := k.svc.Timeline(ctx, u, c.ID); !errors.Is(err, cases.ErrNotFound) {
			t.Errorf("%s still reads the confidential case's notes: %v", u.Username, err)
		}
		if _, err := k.svc.Panel(ctx, u, c.ID); !errors.Is(err, cases.ErrNotFound) {
			t.Errorf("%s still reads the confidential case's panel: %v", u.Username, err)
		}
		if got := k.listed(u); slices.Contains(got, c.Reference) {
			t.Errorf("%s still sees the confidential case on their register page: %v", u.Username, got)
		}
		if n, _, err := k.svc.CountCases(ctx, u, cases.Query{}); err != nil || n != 0 {
			t.Errorf("%s's register counts %d cases (%v)", u.Username, n, err)
		}
		if got := k.searched(u, "GateFace"); len(got) != 0 {
			t.Errorf("%s still finds the confidential case: %v", u.Username, got)
		}
		if got := k.exported(u); len(got) != 0 {
			t.Errorf("%s still exports the confidential case: %v", u.Username, got)
		}
		if err := k.svc.DeclareInterest(ctx, u, c.ID, true, "I advised Metro Co."); !errors.Is(err, cases.ErrNotFound) {
			t.Errorf("%s declares on the confidential case: %v", u.Username, err)
		}
	}
	// The appointed panel keeps the case.
	if _, err := k.svc.GetCase(ctx, panellist, c.ID); err != nil {
		t.Fatalf("the appointed panel member lost the confidential case: %v", err)
	}
	if got := k.listed(panellist); !slices.Contains(got, c.Reference) {
		t.Errorf("the appointed panel member's register: %v", got)
	}
	if got := k.searched(panellist, "GateFace"); len(got) != 1 {
		t.Errorf("the appointed panel member's search: %v", got)
	}
	if got := k.exported(panellist); len(got) != 1 {
		t.Errorf("the appointed panel member's export: %v", got)
	}
	must(t, k.svc.RecordVote(ctx, panellist, m.ID, c.ID, panellist.ID, cases.VoteApprove))
}

// Someone who declared only to read a case is not on its panel: Panel
// leaves them out (their declaration is listed apart), they cannot check
// the duties, and "remove from the panel" does not find them. Appointing
// them keeps their declaration, and then they are the panel.
func TestAReaderIsNotThePanelUntilAppointed(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := k.newCase(false, cases.RiskHigh)
	rapp, reader, recused := k.members[0], k.members[1], k.members[2]
	_, err := k.svc.AssignRapporteur(ctx, k.sec, c.ID, rapp.ID)
	must(t, err)
	k.declare(c, rapp, reader)
	must(t, k.svc.DeclareInterest(ctx, recused, c.ID, true, "I advised Metro Co. in 2024."))

	panel, err := k.svc.Panel(ctx, k.sec, c.ID)
	must(t, err)
	if ids := memberIDs(panel); !slices.Equal(ids, []int64{rapp.ID}) {
		t.Fatalf("the panel lists %v, want only the rapporteur %d", ids, rapp.ID)
	}
	off, err := k.svc.OffPanelDeclarations(ctx, rapp, c.ID)
	must(t, err)
	if len(off) != 2 {
		t.Fatalf("the declarations off the panel: %+v", off)
	}
	for _, p := range off {
		switch p.UserID {
		case reader.ID:
			if p.Conflict != cases.NoConflict || p.Appointed {
				t.Errorf("the reader's declaration: %+v", p)
			}
		case recused.ID:
			if !p.Recused() || p.Reason != "I advised Metro Co. in 2024." || p.Appointed {
				t.Errorf("the recused reader's declaration: %+v", p)
			}
		default:
			t.Errorf("a declaration off the panel of %d", p.UserID)
		}
	}
	var ie *cases.InterestError
	if _, err := k.svc.GetCase(ctx, recused, c.ID); !errors.As(err, &ie) || !ie.Recused {
		t.Errorf("a reader who declared a conflict is not recused: %v", err)
	}

	duty := cases.DutiesFor(c.Risk)[0]
	if k.svc.MayMarkDuties(ctx, reader, c.ID) {
		t.Error("a reader off the panel may check the duties")
	}
	if _, err := k.svc.MarkDuty(ctx, reader, c.ID, duty, false, ""); err == nil {
		t.Error("a reader off the panel checked a duty")
	}
	if err := k.svc.RemovePanelMember(ctx, k.sec, c.ID, reader.ID); !errors.Is(err, cases.ErrNotFound) {
		t.Errorf("removing a reader from the panel: %v", err)
	}

	must(t, k.svc.AddPanelMember(ctx, k.sec, c.ID, reader.ID))
	panel, err = k.svc.Panel(ctx, k.sec, c.ID)
	must(t, err)
	if ids := memberIDs(panel); !slices.Equal(ids, []int64{rapp.ID, reader.ID}) {
		t.Fatalf("after appointing the reader the panel lists %v", ids)
	}
	if p := panel[1]; p.Conflict != cases.NoConflict || p.DeclaredAt.IsZero() || !p.Appointed {
		t.Errorf("the appointed reader lost their declaration: %+v", p)
	}
	if _, err := k.svc.GetCase(ctx, reader, c.ID); err != nil {
		t.Errorf("the appointed reader must declare again: %v", err)
	}
	if !k.svc.MayMarkDuties(ctx, reader, c.ID) {
		t.Error("the appointed reader may not check the duties")
	}
	if _, err := k.svc.MarkDuty(ctx, reader, c.ID, duty, false, ""); err != nil {
		t.Errorf("the appointed reader cannot check a duty: %v", err)
	}
	k.makeConfidential(c)
	if _, err := k.svc.GetCase(ctx, reader, c.ID); err != nil {
		t.Errorf("the appointed reader lost the confidential case: %v", err)
	}
	must(t, k.svc.RemovePanelMember(ctx, k.sec, c.ID, reader.ID))
	if _, err := k.svc.GetCase(ctx, reader, c.ID); !errors.Is(err, cases.ErrNotFound) {
		t.Errorf("a member taken off the panel still reads the confidential case: %v", err)
	}
}

// Made rapporteur, or designated for the simplified procedure, a reader
// joins the panel with their declaration.
func TestAReaderMadeRapporteurOrDesignatedJoinsThePanel(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := k.newCase(false, cases.RiskLow)
	a, b, cc := k.members[0], k.members[1], k.members[2]
	k.declare(c, a, b, cc)
	_, err := k.svc.AssignRapporteur(ctx, k.sec, c.ID, a.ID)
	must(t, err)
	must(t, k.svc.DesignateSimplified(ctx, k.sec, c.ID, []int64{b.ID, cc.ID}))
	panel, err := k.svc.Panel(ctx, k.sec, c.ID)
	must(t, err)
	if len(panel) != 3 {
		t.Fatalf("the panel: %+v", panel)
	}
	for _, p := range panel {
		if p.Conflict != cases.NoConflict || !p.Appointed {
			t.Errorf("%s joined the panel without their declaration: %+v", p.Name, p)
		}
	}
	if off, err := k.svc.OffPanelDeclarations(ctx, k.sec, c.ID); err != nil || len(off) != 0 {
		t.Errorf("declarations off the panel: %+v, %v", off, err)
	}
	k.makeConfidential(c)
	for _, u := range []cases.User{a, b, cc} {
		if _, err := k.svc.GetCase(ctx, u, c.ID); err != nil {
			t.Errorf("%s, on the panel, lost the confidential case: %v", u.Username, err)
		}
	}
}

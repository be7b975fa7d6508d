package storetest

import (
	"errors"
	"slices"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/internal/passwordcost"
)

// PanelUpgrade is a register kept before readers' declarations were told
// from the panel (SQLite format 0022, PostgreSQL schema 0012), built through
// the service: members added to the panel, a rapporteur and a former one,
// members designated for the simplified procedure, a member (the chair)
// who declared only to read the cases, and one taken off the panel who
// then declared to read it. Each engine's test builds it, takes the
// register back to the old schema, reopens it and calls Check.
type PanelUpgrade struct {
	sec, added, rapp, reader, removed cases.User
	full, simple                      cases.Case
	entries                           int64
}

func upgradeService(s Store) *cases.Service {
	return cases.NewService(s, func() time.Time { return Pinned })
}

// NewPanelUpgrade builds the register's panels in s.
func NewPanelUpgrade(t *testing.T, s Store) *PanelUpgrade {
	t.Helper()
	passwordcost.Cheap()
	svc := upgradeService(s)
	const pw = "a long enough test password"
	admin, err := svc.Bootstrap(ctx, "admin", "Administrator", pw)
	must(t, err)
	user := func(name string, role cases.Role) cases.User {
		u, err := svc.CreateUser(ctx, admin, cases.NewAccount{Username: name, DisplayName: name, Role: role, Password: pw})
		must(t, err)
		return u
	}
	u := &PanelUpgrade{sec: user("sec", cases.RoleSecretariat), added: user("added", cases.RoleMember), rapp: user("rapp", cases.RoleMember),
		reader: user("reader", cases.RoleChair), removed: user("removed", cases.RoleMember)}
	former, designated := user("former", cases.RoleMember), user("designated", cases.RoleMember)
	u.full, err = svc.CreateCase(ctx, u.sec, searchDraft("Cameras at the gates", "Faces kept.", false))
	must(t, err)
	must(t, svc.AddPanelMember(ctx, u.sec, u.full.ID, u.added.ID))
	_, err = svc.AssignRapporteur(ctx, u.sec, u.full.ID, former.ID)
	must(t, err)
	_, err = svc.AssignRapporteur(ctx, u.sec, u.full.ID, u.rapp.ID)
	must(t, err)
	must(t, svc.AddPanelMember(ctx, u.sec, u.full.ID, u.removed.ID))
	must(t, svc.RemovePanelMember(ctx, u.sec, u.full.ID, u.removed.ID))
	for _, m := range []cases.User{u.added, u.rapp, u.reader, u.removed} {
		must(t, svc.DeclareInterest(ctx, m, u.full.ID, false, ""))
	}
	low := searchDraft("A chatbot's disclaimer", "Minimal risk.", false)
	low.Risk = cases.RiskLow
	u.simple, err = svc.CreateCase(ctx, u.sec, low)
	must(t, err)
	must(t, svc.DeclareInterest(ctx, u.reader, u.simple.ID, false, ""))
	must(t, svc.DesignateSimplified(ctx, u.sec, u.simple.ID, []int64{designated.ID, u.reader.ID}))
	must(t, svc.DeclareInterest(ctx, u.removed, u.simple.ID, true, "I advised the respondent."))
	u.entries, _, err = svc.AuditHead(ctx)
	must(t, err)
	return u
}

// Check asserts the upgraded register s: the panels hold the appointed
// only, readers are listed apart and lose a case made confidential, and
// the upgrade read the audit log without writing to it.
func (u *PanelUpgrade) Check(t *testing.T, s Store) {
	t.Helper()
	svc := upgradeService(s)
	names := func(ps []cases.PanelMember, err error) []string {
		t.Helper()
		must(t, err)
		var out []string
		for _, p := range ps {
			out = append(out, p.Name)
		}
		slices.Sort(out)
		return out
	}
	if got := names(svc.Panel(ctx, u.sec, u.full.ID)); !slices.Equal(got, []string{"added", "former", "rapp"}) {
		t.Errorf("after the upgrade the panel of %s is %v, want added, former, rapp", u.full.Reference, got)
	}
	if got := names(svc.OffPanelDeclarations(ctx, u.sec, u.full.ID)); !slices.Equal(got, []string{"reader", "removed"}) {
		t.Errorf("after the upgrade the readers of %s are %v, want reader, removed", u.full.Reference, got)
	}
	if got := names(svc.Panel(ctx, u.sec, u.simple.ID)); !slices.Equal(got, []string{"designated", "reader"}) {
		t.Errorf("after the upgrade the panel of the simplified case is %v, want designated, reader", got)
	}
	if got, err := svc.OffPanelDeclarations(ctx, u.sec, u.simple.ID); err != nil || len(got) != 1 || got[0].Name != "removed" || !got[0].Recused() {
		t.Errorf("after the upgrade the recused reader of the simplified case: %+v, %v", got, err)
	}
	if seq, _, err := svc.AuditHead(ctx); err != nil || seq != u.entries {
		t.Errorf("the upgrade wrote to the audit log: %d entries (%v), want %d", seq, err, u.entries)
	}
	now, err := svc.GetCase(ctx, u.sec, u.full.ID)
	must(t, err)
	edited := now.Draft
	edited.Confidential = true
	_, err = svc.UpdateCase(ctx, u.sec, u.full.ID, now.Version, edited)
	must(t, err)
	for _, m := range []cases.User{u.reader, u.removed} {
		if _, err := svc.GetCase(ctx, m, u.full.ID); !errors.Is(err, cases.ErrNotFound) {
			t.Errorf("after the upgrade %s, who only declared, reads the confidential case: %v", m.Username, err)
		}
	}
	if _, err := svc.GetCase(ctx, u.added, u.full.ID); err != nil {
		t.Errorf("after the upgrade the appointed member cannot read the confidential case: %v", err)
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) != 0 {
		t.Errorf("the upgraded register: %q, %v", problems, err)
	}
}

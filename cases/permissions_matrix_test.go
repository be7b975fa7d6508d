package cases_test

import (
	"context"
	"errors"
	"testing"

	"ethicsdesk/cases"
)

// operation is one Service operation run as actor on fresh fixtures made
// by the secretariat and the administrator. write says whether it must
// leave exactly one audit entry (when allowed) naming actor.
type operation struct {
	name    string
	write   bool
	prepare func(k *committee, actor cases.User) func() error
}

func isReviewer(u cases.User) bool { return u.Role == cases.RoleMember || u.Role == cases.RoleChair }

// declare has each reviewer among us declare no conflict for c, as every
// member and the chair must before reading or voting on a case.
func (k *committee) declare(c cases.Case, us ...cases.User) {
	for _, u := range us {
		if isReviewer(u) {
			must(k.t, k.svc.DeclareInterest(context.Background(), u, c.ID, false, ""))
		}
	}
}

// declaredCase is a new open case the actor declared no conflict for.
func (k *committee) declaredCase(a cases.User) cases.Case {
	c := k.newCase(false, cases.RiskHigh)
	k.declare(c, a)
	return c
}

// other is a member who is not actor.
func (k *committee) other(actor cases.User) cases.User {
	if actor.ID == k.members[1].ID {
		return k.members[2]
	}
	return k.members[1]
}

func (k *committee) meetingWith(c cases.Case, present ...cases.User) cases.Meeting {
	ctx := context.Background()
	k.declare(c, present...)
	m, err := k.svc.CreateMeeting(ctx, k.sec, cases.MustDate("2026-03-20"), "")
	must(k.t, err)
	must(k.t, k.svc.AddToAgenda(ctx, k.sec, m.ID, c.ID))
	for _, u := range present {
		must(k.t, k.svc.AddMemberAttendance(ctx, k.sec, m.ID, u.ID))
	}
	return m
}

var operations = []operation{
	{"create a case", true, func(k *committee, a cases.User) func() error {
		d := k.newCase(false, cases.RiskHigh).Draft
		return func() error { _, err := k.svc.CreateCase(context.Background(), a, d); return err }
	}},
	{"edit a case", true, func(k *committee, a cases.User) func() error {
		c := k.newCase(false, cases.RiskHigh)
		c.Title = "Edited"
		return func() error {
			_, err := k.svc.UpdateCase(context.Background(), a, c.ID, c.Version, c.Draft)
			return err
		}
	}},
	{"move a case", true, func(k *committee, a cases.User) func() error {
		c := k.declaredCase(a)
		return func() error {
			_, err := k.svc.Transition(context.Background(), a, c.ID, c.Version, cases.Screening, "")
			return err
		}
	}},
	{"add a note", true, func(k *committee, a cases.User) func() error {
		c := k.declaredCase(a)
		return func() error { _, err := k.svc.AddNote(context.Background(), a, c.ID, "A note.", false); return err }
	}},
	{"read a case", false, func(k *committee, a cases.User) func() error {
		c := k.declaredCase(a)
		return func() error { _, err := k.svc.GetCase(context.Background(), a, c.ID); return err }
	}},
	{"list the register", false, func(k *committee, a cases.User) func() error {
		return func() error { _, err := k.svc.ListCases(context.Background(), a, cases.Query{}, 0, 10); return err }
	}},
	{"save a holiday", true, func(k *committee, a cases.User) func() error {
		return func() error {
			return k.svc.SaveHoliday(context.Background(), a, cases.Holiday{Day: cases.MustDate("2026-05-01"), Name: "Labour Day"})
		}
	}},
	{"save a case type", true, func(k *committee, a cases.User) func() error {
		return func() error {
			return k.svc.SaveCaseType(context.Background(), a, cases.CaseType{Code: "ethics_complaint", Name: "Ethics complaint", Complaint: true, DecisionDays: 40})
		}
	}},
	{"save settings", true, func(k *committee, a cases.User) func() error {
		return func() error {
			return k.svc.SaveSettings(context.Background(), a, cases.Settings{Quorum: 4, Majority: cases.Fraction{Num: 3, Den: 5}, LockMinutes: 15, RetentionYears: 5})
		}
	}},
	{"list the cases past retention", false, func(k *committee, a cases.User) func() error {
		return func() error { _, err := k.svc.RetentionDue(context.Background(), a); return err }
	}},
	// Nothing is past retention in these fixtures, so it changes nothing;
	// TestRetentionAnonymisesClosedCasesPastThePeriod covers the anonymising itself.
	{"apply the retention period", false, func(k *committee, a cases.User) func() error {
		return func() error { _, err := k.svc.ApplyRetention(context.Background(), a); return err }
	}},
	{"create a user", true, func(k *committee, a cases.User) func() error {
		return func() error {
			_, err := k.svc.CreateUser(context.Background(), a, cases.NewAccount{Username: "new" + string(a.Role), Role: cases.RoleMember, Password: pw})
			return err
		}
	}},
	{"change a role", true, func(k *committee, a cases.User) func() error {
		return func() error { return k.svc.SetRole(context.Background(), a, k.members[5].ID, cases.RoleChair) }
	}},
	{"deactivate a user", true, func(k *committee, a cases.User) func() error {
		return func() error { return k.svc.Deactivate(context.Background(), a, k.members[5].ID) }
	}},
	{"reset a password", true, func(k *committee, a cases.User) func() error {
		return func() error { return k.svc.ResetPassword(context.Background(), a, k.members[5].ID, "another password") }
	}},
	{"assign a rapporteur", true, func(k *committee, a cases.User) func() error {
		c := k.newCase(false, cases.RiskHigh)
		return func() error {
			_, err := k.svc.AssignRapporteur(context.Background(), a, c.ID, k.members[1].ID)
			return err
		}
	}},
	{"add a panel member", true, func(k *committee, a cases.User) func() error {
		c := k.newCase(false, cases.RiskHigh)
		return func() error { return k.svc.AddPanelMember(context.Background(), a, c.ID, k.members[1].ID) }
	}},
	{"declare interests", true, func(k *committee, a cases.User) func() error {
		c := k.newCase(false, cases.RiskHigh)
		if isReviewer(a) {
			must(k.t, k.svc.AddPanelMember(context.Background(), k.sec, c.ID, a.ID))
		}
		return func() error { return k.svc.DeclareInterest(context.Background(), a, c.ID, false, "") }
	}},
	{"create a meeting", true, func(k *committee, a cases.User) func() error {
		return func() error {
			_, err := k.svc.CreateMeeting(context.Background(), a, cases.MustDate("2026-04-02"), "")
			return err
		}
	}},
	{"add to an agenda", true, func(k *committee, a cases.User) func() error {
		m := k.meetingWith(k.newCase(false, cases.RiskHigh))
		c := k.newCase(false, cases.RiskHigh)
		return func() error { return k.svc.AddToAgenda(context.Background(), a, m.ID, c.ID) }
	}},
	{"record attendance", true, func(k *committee, a cases.User) func() error {
		m := k.meetingWith(k.newCase(false, cases.RiskHigh))
		return func() error { return k.svc.AddMemberAttendance(context.Background(), a, m.ID, k.members[1].ID) }
	}},
	{"record another member's vote", true, func(k *committee, a cases.User) func() error {
		c := k.newCase(false, cases.RiskHigh)
		voter := k.other(a)
		m := k.meetingWith(c, voter)
		return func() error {
			return k.svc.RecordVote(context.Background(), a, m.ID, c.ID, voter.ID, cases.VoteApprove)
		}
	}},
	{"cast one's own vote", true, func(k *committee, a cases.User) func() error {
		c := k.newCase(false, cases.RiskHigh)
		var present []cases.User
		if isReviewer(a) {
			present = append(present, a)
		}
		m := k.meetingWith(c, present...)
		return func() error { return k.svc.RecordVote(context.Background(), a, m.ID, c.ID, a.ID, cases.VoteApprove) }
	}},
	{"designate the simplified procedure", true, func(k *committee, a cases.User) func() error {
		c := k.newCase(false, cases.RiskLow)
		return func() error {
			return k.svc.DesignateSimplified(context.Background(), a, c.ID, []int64{k.members[1].ID, k.members[2].ID})
		}
	}},
	{"record a simplified view", true, func(k *committee, a cases.User) func() error {
		ctx := context.Background()
		c := k.newCase(false, cases.RiskLow)
		ids := []int64{k.members[1].ID, k.members[2].ID}
		if isReviewer(a) {
			ids = []int64{a.ID, k.other(a).ID}
		}
		must(k.t, k.svc.DesignateSimplified(ctx, k.sec, c.ID, ids))
		if isReviewer(a) {
			must(k.t, k.svc.DeclareInterest(ctx, a, c.ID, false, ""))
		}
		return func() error { _, err := k.svc.RecordView(ctx, a, c.ID, cases.VoteApprove, ""); return err }
	}},
	{"view the audit log", false, func(k *committee, a cases.User) func() error {
		return func() error { _, _, err := k.svc.AuditLog(context.Background(), a, cases.AuditFilter{}); return err }
	}},
	{"read a case's history", false, func(k *committee, a cases.User) func() error {
		c := k.declaredCase(a)
		return func() error { _, err := k.svc.CaseHistory(context.Background(), a, c.ID); return err }
	}},
}

// allowedFor is the expected matrix: operation → roles allowed.
var allowedFor = map[string][]cases.Role{
	"create a case":                      {cases.RoleSecretariat},
	"edit a case":                        {cases.RoleSecretariat},
	"move a case":                        {cases.RoleSecretariat, cases.RoleChair},
	"add a note":                         {cases.RoleSecretariat, cases.RoleMember, cases.RoleChair},
	"read a case":                        {cases.RoleSecretariat, cases.RoleMember, cases.RoleChair, cases.RoleAdministrator},
	"list the register":                  {cases.RoleSecretariat, cases.RoleMember, cases.RoleChair, cases.RoleAdministrator},
	"save a holiday":                     {cases.RoleAdministrator},
	"save a case type":                   {cases.RoleAdministrator},
	"save settings":                      {cases.RoleAdministrator},
	"create a user":                      {cases.RoleAdministrator},
	"change a role":                      {cases.RoleAdministrator},
	"deactivate a user":                  {cases.RoleAdministrator},
	"reset a password":                   {cases.RoleAdministrator},
	"assign a rapporteur":                {cases.RoleSecretariat},
	"add a panel member":                 {cases.RoleSecretariat},
	"declare interests":                  {cases.RoleMember, cases.RoleChair},
	"create a meeting":                   {cases.RoleSecretariat, cases.RoleChair},
	"add to an agenda":                   {cases.RoleSecretariat, cases.RoleChair},
	"record attendance":                  {cases.RoleSecretariat, cases.RoleChair},
	"record another member's vote":       {cases.RoleSecretariat, cases.RoleChair},
	"cast one's own vote":                {cases.RoleMember, cases.RoleChair},
	"designate the simplified procedure": {cases.RoleSecretariat},
	"record a simplified view":           {cases.RoleMember, cases.RoleChair},
	"view the audit log":                 {cases.RoleAdministrator},
	"list the cases past retention":      {cases.RoleAdministrator},
	"apply the retention period":         {cases.RoleAdministrator},
	"read a case's history":              {cases.RoleSecretariat, cases.RoleMember, cases.RoleChair, cases.RoleAdministrator},
}

func TestEveryRoleAgainstEveryOperation(t *testing.T) {
	for _, role := range cases.AllRoles {
		t.Run(string(role), func(t *testing.T) {
			k := newCommittee(t)
			actor := map[cases.Role]cases.User{cases.RoleSecretariat: k.sec, cases.RoleMember: k.members[0],
				cases.RoleChair: k.chair, cases.RoleAdministrator: k.admin}[role]
			for _, op := range operations {
				want := false
				for _, r := range allowedFor[op.name] {
					want = want || r == role
				}
				do := op.prepare(k, actor)
				before := k.head().Seq
				errRun := do()
				if (errRun == nil) != want {
					t.Errorf("%s %s: allowed=%v, want %v (%v)", role, op.name, errRun == nil, want, errRun)
					continue
				}
				h := k.head()
				switch {
				case !want && h.Seq != before:
					t.Errorf("%s %s: refused but wrote audit entry %d (%s)", role, op.name, h.Seq, h.Action)
				case !want:
				case !op.write && h.Seq != before:
					t.Errorf("%s %s: a read wrote audit entry %d (%s)", role, op.name, h.Seq, h.Action)
				case op.write && (h.Seq != before+1 || h.ActorID != actor.ID || h.Actor != actor.Name()):
					t.Errorf("%s %s: %d audit entries, newest %d (%s) by %d %q", role, op.name, h.Seq-before, h.Seq, h.Action, h.ActorID, h.Actor)
				}
			}
			// Deactivated accounts may do nothing at all.
			must(t, k.svc.Deactivate(context.Background(), k.admin, k.members[4].ID))
			gone, _ := k.svc.Users(context.Background(), k.admin)
			for _, u := range gone {
				if u.ID == k.members[4].ID {
					if _, err := k.svc.ListCases(context.Background(), u, cases.Query{}, 0, 1); err == nil {
						t.Error("a deactivated account lists the register")
					}
				}
			}
		})
	}
}

// TestEveryWriteLeavesExactlyOneAuditEntry runs each write operation that
// the role may do with no fixtures in between and counts the entries.
func TestEveryWriteLeavesExactlyOneAuditEntry(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := k.newCase(false, cases.RiskHigh)
	low := k.newCase(false, cases.RiskLow)
	a, b := k.members[0], k.members[1]
	k.declare(c, k.chair, a)
	var m cases.Meeting
	steps := []struct {
		name  string
		actor cases.User
		run   func() error
	}{
		{"create case", k.sec, func() error { _, err := k.svc.CreateCase(ctx, k.sec, c.Draft); return err }},
		{"update case", k.sec, func() error {
			cur, _ := k.svc.GetCase(ctx, k.sec, c.ID)
			_, err := k.svc.UpdateCase(ctx, k.sec, c.ID, cur.Version, cur.Draft)
			return err
		}},
		{"transition", k.chair, func() error {
			cur, _ := k.svc.GetCase(ctx, k.sec, c.ID)
			_, err := k.svc.Transition(ctx, k.chair, c.ID, cur.Version, cases.Screening, "")
			return err
		}},
		{"note", a, func() error { _, err := k.svc.AddNote(ctx, a, c.ID, "x", true); return err }},
		{"rapporteur", k.sec, func() error { _, err := k.svc.AssignRapporteur(ctx, k.sec, c.ID, a.ID); return err }},
		{"panel", k.sec, func() error { return k.svc.AddPanelMember(ctx, k.sec, c.ID, b.ID) }},
		{"declare", k.members[2], func() error { return k.svc.DeclareInterest(ctx, k.members[2], c.ID, false, "") }},
		{"recuse", b, func() error { return k.svc.DeclareInterest(ctx, b, c.ID, true, "Conflict.") }},
		{"meeting", k.sec, func() error {
			var err error
			m, err = k.svc.CreateMeeting(ctx, k.sec, cases.MustDate("2026-03-20"), "")
			return err
		}},
		{"agenda", k.chair, func() error { return k.svc.AddToAgenda(ctx, k.chair, m.ID, c.ID) }},
		{"attend", k.sec, func() error { return k.svc.AddMemberAttendance(ctx, k.sec, m.ID, a.ID) }},
		{"consultant", k.sec, func() error { return k.svc.AddConsultant(ctx, k.sec, m.ID, "Expert") }},
		{"vote", a, func() error { return k.svc.RecordVote(ctx, a, m.ID, c.ID, a.ID, cases.VoteApprove) }},
		{"designate", k.sec, func() error { return k.svc.DesignateSimplified(ctx, k.sec, low.ID, []int64{a.ID, b.ID}) }},
		{"holiday", k.admin, func() error { return k.svc.SaveHoliday(ctx, k.admin, cases.Holiday{Day: cases.MustDate("2026-10-01")}) }},
		{"settings", k.admin, func() error { return k.svc.SaveSettings(ctx, k.admin, cases.DefaultSettings) }},
		{"user", k.admin, func() error {
			_, err := k.svc.CreateUser(ctx, k.admin, cases.NewAccount{Username: "x1", Role: cases.RoleMember, Password: pw})
			return err
		}},
		{"role", k.admin, func() error { return k.svc.SetRole(ctx, k.admin, b.ID, cases.RoleChair) }},
		{"password", k.admin, func() error { return k.svc.ResetPassword(ctx, k.admin, b.ID, "0123456789ab") }},
		{"login", a, func() error { _, err := k.svc.Login(ctx, a.Username, pw); return err }},
		{"failed login", a, func() error {
			if _, err := k.svc.Login(ctx, a.Username, "wrong wrong wrong"); err == nil {
				return errors.New("wrong password accepted")
			}
			return nil
		}},
	}
	for _, s := range steps {
		before := k.head().Seq
		if err := s.run(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		h := k.head()
		if h.Seq != before+1 || h.ActorID != s.actor.ID {
			t.Fatalf("%s: %d audit entries, newest by actor %d; want 1 by %d", s.name, h.Seq-before, h.ActorID, s.actor.ID)
		}
	}
	// The case's history holds its own entries, not the private note of another.
	hist, err := k.svc.CaseHistory(ctx, k.sec, c.ID)
	must(t, err)
	for _, r := range hist {
		if r.Entity == "note" {
			t.Fatal("the secretariat sees another user's private note in the case history")
		}
	}
	if len(hist) < 8 {
		t.Fatalf("case history has %d entries", len(hist))
	}
	recs, total, err := k.svc.AuditLog(ctx, k.admin, cases.AuditFilter{UserID: a.ID, Action: "user.", Limit: 10})
	if err != nil || total != 2 || len(recs) != 2 {
		t.Fatalf("audit filtered by user and action prefix: %d %v", total, err)
	}
	if problems, err := k.db.Check(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
}

package cases_test

import (
	"context"
	"testing"

	"ethicsdesk/cases"
)

// Removals and deletions leave exactly one audit entry each, by the one
// who made them, naming what was removed; and the thing is gone.
func TestEveryRemovalLeavesExactlyOneAuditEntry(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := k.newCase(false, cases.RiskHigh)
	a, b := k.members[0], k.members[1]
	day := cases.MustDate("2026-10-01")
	must(t, k.svc.SaveHoliday(ctx, k.admin, cases.Holiday{Day: day, Name: "Test holiday"}))
	must(t, k.svc.AddPanelMember(ctx, k.sec, c.ID, b.ID))
	m, err := k.svc.CreateMeeting(ctx, k.sec, cases.MustDate("2026-03-20"), "March sitting")
	must(t, err)
	must(t, k.svc.AddToAgenda(ctx, k.sec, m.ID, c.ID))
	must(t, k.svc.AddMemberAttendance(ctx, k.sec, m.ID, a.ID))
	m, err = k.svc.Meeting(ctx, k.sec, m.ID)
	must(t, err)
	if len(m.Attendance) != 1 || len(m.Agenda) != 1 {
		t.Fatalf("meeting set-up: %+v", m)
	}
	attendee := m.Attendance[0].ID

	steps := []struct {
		name, action string
		actor        cases.User
		run          func() error
		gone         func() bool
	}{
		{"holiday deleted", "holiday.delete", k.admin, func() error { return k.svc.DeleteHoliday(ctx, k.admin, day) }, func() bool {
			hs, err := k.svc.Holidays(ctx)
			must(t, err)
			for _, h := range hs {
				if h.Day == day {
					return false
				}
			}
			return true
		}},
		{"panel member removed", "case.panel_remove", k.sec, func() error { return k.svc.RemovePanelMember(ctx, k.sec, c.ID, b.ID) }, func() bool {
			p, err := k.svc.Panel(ctx, k.sec, c.ID)
			must(t, err)
			return len(p) == 0
		}},
		{"agenda item removed", "meeting.agenda_remove", k.sec, func() error { return k.svc.RemoveFromAgenda(ctx, k.sec, m.ID, c.ID) }, func() bool {
			got, err := k.svc.Meeting(ctx, k.sec, m.ID)
			must(t, err)
			return len(got.Agenda) == 0
		}},
		{"attendee removed", "meeting.attend_remove", k.sec, func() error { return k.svc.RemoveAttendee(ctx, k.sec, m.ID, attendee) }, func() bool {
			got, err := k.svc.Meeting(ctx, k.sec, m.ID)
			must(t, err)
			return len(got.Attendance) == 0
		}},
		{"password changed", "user.change_password", a, func() error { return k.svc.ChangePassword(ctx, a, pw, "a new password 42") }, func() bool {
			_, err := k.svc.Login(ctx, a.Username, "a new password 42")
			return err == nil
		}},
	}
	for _, s := range steps {
		before := k.head().Seq
		must(t, s.run())
		h := k.head()
		if s.action == "user.change_password" {
			// Changing one's own password first proves the current one,
			// which is its own entry (as a sign-in is); then the change.
			before++
			recs, _, err := k.svc.AuditLog(ctx, k.admin, cases.AuditFilter{Limit: 2})
			must(t, err)
			if len(recs) != 2 || recs[1].Action != "user.reauthenticate" {
				t.Fatalf("%s: the entry before the change is %+v", s.name, recs)
			}
		}
		if h.Seq != before+1 || h.ActorID != s.actor.ID || h.Action != s.action {
			t.Fatalf("%s: %d audit entries, newest %q by %d; want one %q by %d", s.name, h.Seq-before, h.Action, h.ActorID, s.action, s.actor.ID)
		}
		if !s.gone() {
			t.Fatalf("%s: the change did not happen", s.name)
		}
	}
}

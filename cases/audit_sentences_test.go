package cases_test

import (
	"context"
	"testing"

	"ethicsdesk/cases"
)

// Each kind of entry in the audit log says what it is about and what
// happened in words: a case edit names only the fields that changed, an
// account change the account's fields that changed, a meeting its
// number, and settings and holidays their part of the register.
func TestTheAuditLogSaysWhatEachChangeWas(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := k.newCase(false, cases.RiskLow)
	member := k.members[0]
	type said struct{ about, change string }
	var got []said
	last := func() {
		r := k.head()
		got = append(got, said{r.About, r.Change})
	}

	d := c.Draft
	d.Respondent = "Metro Holdings Ltd."
	c, err := k.svc.UpdateCase(ctx, k.sec, c.ID, c.Version, d)
	must(t, err)
	last()
	_, err = k.svc.UpdateCase(ctx, k.sec, c.ID, c.Version, d)
	must(t, err)
	last()
	must(t, k.svc.SetRole(ctx, k.admin, member.ID, cases.RoleChair))
	last()
	must(t, k.svc.SetDisplayName(ctx, k.admin, member.ID, "Prof. Chen"))
	last()
	m, err := k.svc.CreateMeeting(ctx, k.sec, cases.MustDate("2026-03-20"), "March sitting")
	must(t, err)
	last()
	must(t, k.svc.SaveHoliday(ctx, k.admin, cases.Holiday{Day: cases.MustDate("2026-10-01"), Name: "National Day"}))
	last()
	must(t, k.svc.ChangePassword(ctx, member, pw, "a brand new password"))
	last()

	want := []said{
		{c.Reference, "Changed the respondent."},
		{c.Reference, "Saved the case without changes."},
		{"Dr. chen", "Changed the account's role."},
		{"Prof. Chen", "Changed the account's name."},
		{"Meeting " + itoa(m.ID), "Arranged a meeting."},
		{"Holidays", "Saved a day of the holiday calendar."},
		{"Prof. Chen", "Changed their password."},
	}
	for i := range want {
		if i >= len(got) || got[i] != want[i] {
			t.Errorf("entry %d reads %+v, want %+v", i+1, got[i], want[i])
		}
	}
}

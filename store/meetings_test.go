package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/internal/passwordcost"
)

// The register keeps meetings as the secretariat set them up: listed
// newest first, the agenda in the order cases were added, members before
// consultants, votes by voter name with a corrected vote replacing the
// first, and the next meeting found from a day; removing what is not
// there is refused, and every write leaves its audit entry.
func TestMeetingsAreKeptAsSetUp(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	passwordcost.Cheap()
	svc := cases.NewService(db, time.Now)
	admin, err := svc.Bootstrap(ctx, "admin", "Administrator", "a long enough test password")
	if err != nil {
		t.Fatal(err)
	}
	user := func(name, display string, role cases.Role) cases.User {
		u, err := svc.CreateUser(ctx, admin, cases.NewAccount{Username: name, DisplayName: display, Role: role, Password: "a long enough test password"})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	sec := user("sec", "Li Na", cases.RoleSecretariat)
	zhao, an := user("zhao", "Zhao Lei", cases.RoleMember), user("an", "an Qi", cases.RoleMember)
	c1, err := svc.CreateCase(ctx, sec, draft())
	if err != nil {
		t.Fatal(err)
	}
	c2, err := svc.CreateCase(ctx, sec, draft())
	if err != nil {
		t.Fatal(err)
	}
	audit := func(action string) cases.AuditEntry {
		return cases.AuditEntry{Actor: sec, Action: action, Entity: "meeting"}
	}
	entries := func() int {
		_, n, err := svc.AuditLog(ctx, admin, cases.AuditFilter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := entries()
	march := &cases.Meeting{HeldOn: cases.MustDate("2026-03-20"), Title: "March sitting", CreatedAt: time.Now(), CreatedBy: sec.Name()}
	april := &cases.Meeting{HeldOn: cases.MustDate("2026-04-17"), Title: "April sitting", CreatedAt: time.Now(), CreatedBy: sec.Name()}
	for _, m := range []*cases.Meeting{april, march} {
		if err := db.CreateMeeting(ctx, m, audit("meeting.create")); err != nil || m.ID == 0 {
			t.Fatalf("create %s: %v (id %d)", m.Title, err, m.ID)
		}
	}
	ms, err := db.Meetings(ctx)
	if err != nil || len(ms) != 2 || ms[0].ID != april.ID || ms[1].Title != "March sitting" || ms[1].HeldOn != march.HeldOn {
		t.Fatalf("meetings newest first: %+v %v", ms, err)
	}
	for _, id := range []int64{c2.ID, c1.ID, c2.ID} { // the second c2 is ignored
		if err := db.AddToAgenda(ctx, march.ID, id, audit("meeting.agenda_add")); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range []*cases.Attendee{
		{Name: "Prof. Outside Expert", Capacity: cases.CapacityConsultant},
		{UserID: zhao.ID, Name: zhao.Name(), Capacity: cases.CapacityMember},
		{UserID: an.ID, Name: an.Name(), Capacity: cases.CapacityMember},
	} {
		if err := db.AddAttendee(ctx, march.ID, a, audit("meeting.attend")); err != nil || a.ID == 0 {
			t.Fatalf("attendee %s: %v", a.Name, err)
		}
	}
	m, err := db.Meeting(ctx, march.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Agenda) != 2 || m.Agenda[0].CaseID != c2.ID || m.Agenda[1].CaseID != c1.ID {
		t.Errorf("the agenda in the order added: %+v", m.Agenda)
	}
	if len(m.Attendance) != 3 || m.Attendance[0].Name != an.Name() || m.Attendance[1].Name != zhao.Name() ||
		m.Attendance[2].Capacity != cases.CapacityConsultant || m.Attendance[2].UserID != 0 || m.MembersPresent() != 2 {
		t.Errorf("the attendance, members first by name: %+v", m.Attendance)
	}
	at := time.Date(2026, 3, 20, 10, 0, 0, 0, time.UTC)
	for _, v := range []cases.CastVote{
		{MeetingID: march.ID, CaseID: c1.ID, UserID: zhao.ID, Vote: cases.VoteReject, At: at},
		{MeetingID: march.ID, CaseID: c1.ID, UserID: an.ID, Vote: cases.VoteAbstain, At: at},
		{MeetingID: march.ID, CaseID: c1.ID, UserID: zhao.ID, Vote: cases.VoteApprove, At: at.Add(time.Minute)},
	} {
		if err := db.SaveVote(ctx, v, audit("meeting.vote")); err != nil {
			t.Fatal(err)
		}
	}
	votes, err := db.Votes(ctx, march.ID, c1.ID)
	if err != nil || len(votes) != 2 || votes[0].UserID != an.ID || votes[0].Vote != cases.VoteAbstain ||
		votes[1].Name != zhao.Name() || votes[1].Vote != cases.VoteApprove || !votes[1].At.Equal(at.Add(time.Minute)) {
		t.Fatalf("the votes by name, the corrected one replaced: %+v %v", votes, err)
	}
	if votes, err := db.Votes(ctx, march.ID, c2.ID); err != nil || len(votes) != 0 {
		t.Fatalf("votes on a case nobody voted on: %+v %v", votes, err)
	}
	if err := db.RemoveFromAgenda(ctx, march.ID, c2.ID, audit("meeting.agenda_remove")); err != nil {
		t.Fatal(err)
	}
	if err := db.RemoveFromAgenda(ctx, march.ID, c2.ID, audit("meeting.agenda_remove")); err == nil {
		t.Error("a case not on the agenda was removed")
	}
	if err := db.RemoveAttendee(ctx, march.ID, m.Attendance[2].ID, audit("meeting.attend_remove")); err != nil {
		t.Fatal(err)
	}
	if err := db.RemoveAttendee(ctx, april.ID, m.Attendance[0].ID, audit("meeting.attend_remove")); err == nil {
		t.Error("an attendee of another meeting was removed")
	}
	m, err = db.Meeting(ctx, march.ID)
	if err != nil || len(m.Agenda) != 1 || len(m.Attendance) != 2 {
		t.Fatalf("after the removals: %+v %v", m, err)
	}
	// 2 meetings, 3 agenda additions (the repeated one, which changes
	// nothing, still records who tried), 3 attendees, 3 votes, 2 removals.
	if got := entries() - before; got != 2+3+3+3+2 {
		t.Errorf("%d audit entries for 13 writes", got)
	}
	for _, c := range []struct {
		day  string
		want int64
	}{{"2026-03-01", march.ID}, {"2026-03-20", march.ID}, {"2026-03-21", april.ID}, {"2026-04-17", april.ID}} {
		next, err := db.NextMeeting(ctx, cases.MustDate(c.day))
		if err != nil || next.ID != c.want {
			t.Errorf("the next meeting from %s: %d %v, want %d", c.day, next.ID, err, c.want)
		}
	}
	if next, err := db.NextMeeting(ctx, cases.MustDate("2026-04-18")); !errors.Is(err, cases.ErrNotFound) {
		t.Errorf("after the last meeting: %+v %v", next, err)
	}
	if _, err := db.Meeting(ctx, 9999); !errors.Is(err, cases.ErrNotFound) {
		t.Errorf("a meeting that does not exist: %v", err)
	}
}

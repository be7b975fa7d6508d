package cases_test

import (
	"context"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// Who may vote and whose attendance may be removed: a member not
// recorded present does not vote; someone who voted stays on the record;
// consultants are not members present; "approve with modifications"
// counts as its own kind of vote in favour.
func TestMeetingAttendanceAndVotingRules(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := k.newCase(false, cases.RiskHigh)
	m, err := k.svc.CreateMeeting(ctx, k.sec, cases.MustDate("2026-03-20"), "March sitting")
	must(t, err)
	must(t, k.svc.AddToAgenda(ctx, k.sec, m.ID, c.ID))
	a, b, absent := k.members[0], k.members[1], k.members[2]
	must(t, k.svc.AddMemberAttendance(ctx, k.sec, m.ID, a.ID))
	must(t, k.svc.AddMemberAttendance(ctx, k.sec, m.ID, b.ID))
	must(t, k.svc.AddConsultant(ctx, k.sec, m.ID, "Prof. Outside Expert"))
	m, err = k.svc.Meeting(ctx, k.sec, m.ID)
	must(t, err)
	if m.MembersPresent() != 2 || len(m.Attendance) != 3 {
		t.Fatalf("2 members and a consultant: %d members present of %d attendees", m.MembersPresent(), len(m.Attendance))
	}
	if err := k.svc.RecordVote(ctx, absent, m.ID, c.ID, absent.ID, cases.VoteApprove); err == nil || !strings.Contains(err.Error(), "not recorded as present") {
		t.Fatalf("a member not present voted: %v", err)
	}
	must(t, k.svc.DeclareInterest(ctx, a, c.ID, false, "")) // every member declares before voting
	must(t, k.svc.RecordVote(ctx, a, m.ID, c.ID, a.ID, cases.VoteApproveModified))
	tally, _, err := k.svc.Tally(ctx, k.sec, m.ID, c.ID)
	must(t, err)
	if tally.ApproveModified != 1 || tally.Approve != 0 || tally.InFavour() != 1 {
		t.Fatalf("one approval with modifications: %+v", tally)
	}
	ids := map[int64]int64{}
	for _, at := range m.Attendance {
		ids[at.UserID] = at.ID
	}
	if err := k.svc.RemoveAttendee(ctx, k.sec, m.ID, ids[a.ID]); err == nil || !strings.Contains(err.Error(), "voted at this meeting") {
		t.Fatalf("the attendance of a member who voted was removed: %v", err)
	}
	must(t, k.svc.RemoveAttendee(ctx, k.sec, m.ID, ids[b.ID]))
	must(t, k.svc.RemoveAttendee(ctx, k.sec, m.ID, ids[0])) // the consultant
	if err := k.svc.RemoveAttendee(ctx, k.sec, m.ID, 99999); err == nil {
		t.Fatal("removing an attendee who is not there succeeded")
	}
	m, err = k.svc.Meeting(ctx, k.sec, m.ID)
	must(t, err)
	if len(m.Attendance) != 1 || m.Attendance[0].UserID != a.ID {
		t.Fatalf("attendance after the removals: %+v", m.Attendance)
	}
}

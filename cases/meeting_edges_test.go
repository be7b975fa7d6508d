package cases_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// What the secretariat is told when a meeting is set up wrongly: no date,
// a title over 200 characters, a case twice on the agenda, a consultant
// without a name or with one over 120 characters, a member recorded twice;
// and a case with votes stays on the agenda. Each refusal leaves the
// meeting as it was.
func TestMeetingSetUpRefusals(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	var fe cases.FieldErrors
	if _, err := k.svc.CreateMeeting(ctx, k.sec, cases.Date{}, "March sitting"); !errors.As(err, &fe) || fe["held_on"] == "" {
		t.Fatalf("a meeting without a date: %v", err)
	}
	if _, err := k.svc.CreateMeeting(ctx, k.sec, cases.MustDate("2026-03-20"), strings.Repeat("长", cases.MaxTitle+1)); !errors.As(err, &fe) || !strings.Contains(fe["title"], "at most 200") {
		t.Fatalf("a title of 201 characters: %v", err)
	}
	m, err := k.svc.CreateMeeting(ctx, k.sec, cases.MustDate("2026-03-20"), strings.Repeat("长", cases.MaxTitle))
	must(t, err)
	if h := k.head(); h.Action != "meeting.create" || !strings.Contains(h.After, "2026-03-20") {
		t.Fatalf("the audit entry of a new meeting: %+v", h)
	}
	ms, err := k.svc.Meetings(ctx, k.members[0])
	if err != nil || len(ms) != 1 || ms[0].ID != m.ID || ms[0].Title != m.Title {
		t.Fatalf("the meetings a member sees: %+v %v", ms, err)
	}

	c := k.newCase(false, cases.RiskHigh)
	must(t, k.svc.AddToAgenda(ctx, k.sec, m.ID, c.ID))
	if err := k.svc.AddToAgenda(ctx, k.sec, m.ID, c.ID); err == nil || !strings.Contains(err.Error(), c.Reference+" is already on the agenda") {
		t.Fatalf("a case added twice: %v", err)
	}
	for _, name := range []string{"  ", strings.Repeat("x", 121)} {
		if err := k.svc.AddConsultant(ctx, k.sec, m.ID, name); !errors.As(err, &fe) || fe["name"] == "" {
			t.Fatalf("a consultant named %d characters: %v", len(name), err)
		}
	}
	must(t, k.svc.AddConsultant(ctx, k.sec, m.ID, strings.Repeat("x", 120)))
	must(t, k.svc.AddConsultant(ctx, k.sec, m.ID, "Dr. Second Expert")) // two consultants are two people
	a := k.members[0]
	must(t, k.svc.AddMemberAttendance(ctx, k.sec, m.ID, a.ID))
	if err := k.svc.AddMemberAttendance(ctx, k.sec, m.ID, a.ID); err == nil || !strings.Contains(err.Error(), a.Name()+" is already recorded as present") {
		t.Fatalf("a member recorded twice: %v", err)
	}
	m, err = k.svc.Meeting(ctx, k.sec, m.ID)
	must(t, err)
	if len(m.Agenda) != 1 || len(m.Attendance) != 3 || m.MembersPresent() != 1 {
		t.Fatalf("after the refusals: %d on the agenda, %d attendees, %d members", len(m.Agenda), len(m.Attendance), m.MembersPresent())
	}

	// Votes: one of the four, on an agenda case, by a present member.
	must(t, k.svc.DeclareInterest(ctx, a, c.ID, false, ""))
	if err := k.svc.RecordVote(ctx, a, m.ID, c.ID, a.ID, cases.Vote("maybe")); !errors.As(err, &fe) || fe["vote"] == "" {
		t.Fatalf("a vote that is not one of the four: %v", err)
	}
	other := k.newCase(false, cases.RiskHigh)
	if err := k.svc.RecordVote(ctx, a, m.ID, other.ID, a.ID, cases.VoteApprove); err == nil || !strings.Contains(err.Error(), "not on the meeting's agenda") {
		t.Fatalf("a vote on a case not on the agenda: %v", err)
	}
	if _, _, err := k.svc.Tally(ctx, k.sec, m.ID, other.ID); err == nil || !strings.Contains(err.Error(), "not on the meeting's agenda") {
		t.Fatalf("a tally of a case not on the agenda: %v", err)
	}
	must(t, k.svc.RecordVote(ctx, a, m.ID, c.ID, a.ID, cases.VoteApprove))
	must(t, k.svc.RecordVote(ctx, k.sec, m.ID, c.ID, a.ID, cases.VoteReject)) // the secretariat corrects it
	if h := k.head(); h.Action != "meeting.vote" || h.ActorID != k.sec.ID || !strings.Contains(h.Before, "approve") || !strings.Contains(h.After, "reject") {
		t.Fatalf("the audit entry of a changed vote: %+v", h)
	}
	_, votes, err := k.svc.Tally(ctx, k.sec, m.ID, c.ID)
	if err != nil || len(votes) != 1 || votes[0].Vote != cases.VoteReject || votes[0].Name != a.Name() {
		t.Fatalf("the votes after a correction: %+v %v", votes, err)
	}
	if err := k.svc.RemoveFromAgenda(ctx, k.sec, m.ID, c.ID); err == nil || !strings.Contains(err.Error(), "stays on the agenda") {
		t.Fatalf("a case with votes left the agenda: %v", err)
	}

	// A member who is present but whose account was then deactivated
	// cannot vote.
	b := k.members[1]
	must(t, k.svc.AddMemberAttendance(ctx, k.sec, m.ID, b.ID))
	must(t, k.svc.DeclareInterest(ctx, b, c.ID, false, ""))
	must(t, k.svc.Deactivate(ctx, k.admin, b.ID))
	if err := k.svc.RecordVote(ctx, k.sec, m.ID, c.ID, b.ID, cases.VoteApprove); err == nil || !strings.Contains(err.Error(), "deactivated") {
		t.Fatalf("a deactivated member's vote: %v", err)
	}
}

// A member who declared a conflict on an agenda case still sees the item
// but not its title.
func TestMeetingAgendaHidesTitlesFromConflictedMembers(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := k.newCase(false, cases.RiskHigh)
	m, err := k.svc.CreateMeeting(ctx, k.sec, cases.MustDate("2026-03-20"), "March sitting")
	must(t, err)
	must(t, k.svc.AddToAgenda(ctx, k.sec, m.ID, c.ID))
	conflicted, clear := k.members[0], k.members[1]
	must(t, k.svc.AddPanelMember(ctx, k.sec, c.ID, conflicted.ID))
	must(t, k.svc.DeclareInterest(ctx, conflicted, c.ID, true, "I advised the respondent."))
	must(t, k.svc.DeclareInterest(ctx, clear, c.ID, false, ""))
	for _, x := range []struct {
		who   cases.User
		title string
	}{{k.sec, c.Title}, {clear, c.Title}, {conflicted, ""}} {
		got, err := k.svc.Meeting(ctx, x.who, m.ID)
		if err != nil || len(got.Agenda) != 1 || got.Agenda[0].CaseID != c.ID || got.Agenda[0].Title != x.title {
			t.Errorf("%s sees the agenda %+v (%v), want the title %q", x.who.Username, got.Agenda, err, x.title)
		}
	}
}

package cases_test

import (
	"context"
	"testing"

	"ethicsdesk/cases"
)

func TestMeetingQuorumVotesAndRecusals(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := k.newCase(false, cases.RiskHigh)
	m, err := k.svc.CreateMeeting(ctx, k.sec, cases.MustDate("2026-03-20"), "March sitting")
	must(t, err)
	must(t, k.svc.AddToAgenda(ctx, k.sec, m.ID, c.ID))
	must(t, k.svc.AddConsultant(ctx, k.sec, m.ID, "Prof. Outside Expert"))
	voters := append([]cases.User{k.chair}, k.members[:3]...) // 4 members present
	k.declare(c, voters...)
	for _, u := range voters {
		must(t, k.svc.AddMemberAttendance(ctx, k.sec, m.ID, u.ID))
	}
	for _, u := range voters {
		must(t, k.svc.RecordVote(ctx, u, m.ID, c.ID, u.ID, cases.VoteApprove))
	}
	tally, _, err := k.svc.Tally(ctx, k.sec, m.ID, c.ID)
	must(t, err)
	if tally.Present != 4 || tally.Quorum || tally.Outcome != cases.OutcomeNoQuorum {
		t.Fatalf("4 present (plus a consultant) made a quorum: %+v", tally)
	}

	// A fifth member, who declared a conflict: quorum, but not in the base.
	huang := k.members[3]
	must(t, k.svc.AddPanelMember(ctx, k.sec, c.ID, huang.ID))
	must(t, k.svc.DeclareInterest(ctx, huang, c.ID, true, "My spouse works for the respondent."))
	must(t, k.svc.AddMemberAttendance(ctx, k.sec, m.ID, huang.ID))
	if err := k.svc.RecordVote(ctx, k.sec, m.ID, c.ID, huang.ID, cases.VoteReject); err == nil {
		t.Fatal("a recused member's vote was recorded")
	}
	tally, _, _ = k.svc.Tally(ctx, k.sec, m.ID, c.ID)
	if !tally.Quorum || tally.Eligible != 4 || tally.Outcome != cases.OutcomeApproved {
		t.Fatalf("5 present, 1 recused, 4 approve: %+v", tally)
	}

	// A sixth member, undeclared on the panel, must declare before voting.
	sun := k.members[4]
	must(t, k.svc.AddPanelMember(ctx, k.sec, c.ID, sun.ID))
	must(t, k.svc.AddMemberAttendance(ctx, k.sec, m.ID, sun.ID))
	if err := k.svc.RecordVote(ctx, sun, m.ID, c.ID, sun.ID, cases.VoteReject); err == nil {
		t.Fatal("an undeclared panel member voted")
	}
	// Consultants do not vote, and members vote only for themselves.
	if err := k.svc.RecordVote(ctx, k.members[0], m.ID, c.ID, k.members[1].ID, cases.VoteReject); err == nil {
		t.Fatal("a member recorded another member's vote")
	}
	// Two rejections from the chair changing their vote: 3 of 5 eligible fails.
	must(t, k.svc.DeclareInterest(ctx, sun, c.ID, false, ""))
	must(t, k.svc.RecordVote(ctx, k.sec, m.ID, c.ID, sun.ID, cases.VoteReject))
	must(t, k.svc.RecordVote(ctx, k.chair, m.ID, c.ID, k.chair.ID, cases.VoteAbstain))
	tally, votes, _ := k.svc.Tally(ctx, k.sec, m.ID, c.ID)
	if tally.Eligible != 5 || tally.InFavour() != 3 || tally.Outcome != cases.OutcomeNotCarried || len(votes) != 5 {
		t.Fatalf("3 in favour of 5 eligible: %+v (%d votes)", tally, len(votes))
	}
}

func TestSimplifiedProcedure(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	a, b := k.members[0], k.members[1]
	high := k.newCase(false, cases.RiskHigh)
	if err := k.svc.DesignateSimplified(ctx, k.sec, high.ID, []int64{a.ID, b.ID}); err == nil {
		t.Fatal("a high-risk case went to the simplified procedure")
	}
	agree := k.newCase(false, cases.RiskLow)
	if err := k.svc.DesignateSimplified(ctx, k.sec, agree.ID, []int64{a.ID}); err == nil {
		t.Fatal("one designated member was accepted")
	}
	must(t, k.svc.DesignateSimplified(ctx, k.sec, agree.ID, []int64{a.ID, b.ID}))
	if _, err := k.svc.RecordView(ctx, a, agree.ID, cases.VoteApprove, ""); err == nil {
		t.Fatal("a designated member recorded a view before declaring interests")
	}
	for _, u := range []cases.User{a, b} {
		must(t, k.svc.DeclareInterest(ctx, u, agree.ID, false, ""))
	}
	st, err := k.svc.RecordView(ctx, a, agree.ID, cases.VoteApprove, "")
	if err != nil || st.Outcome != cases.OutcomePending {
		t.Fatalf("after one view: %+v %v", st, err)
	}
	st, err = k.svc.RecordView(ctx, b, agree.ID, cases.VoteApprove, "Fine.")
	if err != nil || st.Outcome != cases.OutcomeApproved {
		t.Fatalf("unanimous approval: %+v %v", st, err)
	}

	// A split sends the case to the next meeting's agenda.
	split := k.newCase(false, cases.RiskLow)
	must(t, k.svc.DesignateSimplified(ctx, k.sec, split.ID, []int64{a.ID, b.ID}))
	for _, u := range []cases.User{a, b} {
		must(t, k.svc.DeclareInterest(ctx, u, split.ID, false, ""))
	}
	_, err = k.svc.CreateMeeting(ctx, k.sec, cases.MustDate("2026-02-01"), "Past")
	must(t, err)
	next, err := k.svc.CreateMeeting(ctx, k.sec, cases.MustDate("2026-04-01"), "April")
	must(t, err)
	_, err = k.svc.RecordView(ctx, a, split.ID, cases.VoteApprove, "")
	must(t, err)
	st, err = k.svc.RecordView(ctx, b, split.ID, cases.VoteApproveModified, "Needs a DPIA.")
	if err != nil || st.Outcome != cases.OutcomeReferred || st.MeetingID != next.ID {
		t.Fatalf("split views: %+v %v", st, err)
	}
	m, _ := k.svc.Meeting(ctx, k.sec, next.ID)
	if len(m.Agenda) != 1 || m.Agenda[0].CaseID != split.ID {
		t.Fatalf("the referred case is not on the next meeting's agenda: %+v", m.Agenda)
	}
	if _, err := k.svc.RecordView(ctx, a, split.ID, cases.VoteApprove, ""); err == nil {
		t.Fatal("a view was changed after the procedure ended")
	}
}

package cases_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// The simplified procedure's outcome rule, view by view.
func TestSimplifiedOutcomeRule(t *testing.T) {
	v := func(id int64, view cases.Vote) cases.SimplifiedView {
		return cases.SimplifiedView{UserID: id, View: view}
	}
	for _, tc := range []struct {
		name    string
		views   []cases.SimplifiedView
		recused map[int64]bool
		want    cases.Outcome
	}{
		{"one member", []cases.SimplifiedView{v(1, cases.VoteApprove)}, nil, cases.OutcomePending},
		{"one view missing", []cases.SimplifiedView{v(1, cases.VoteApprove), v(2, "")}, nil, cases.OutcomePending},
		{"no views yet", []cases.SimplifiedView{v(1, ""), v(2, "")}, nil, cases.OutcomePending},
		{"both approve", []cases.SimplifiedView{v(1, cases.VoteApprove), v(2, cases.VoteApprove)}, nil, cases.OutcomeApproved},
		{"both with modifications", []cases.SimplifiedView{v(1, cases.VoteApproveModified), v(2, cases.VoteApproveModified)}, nil, cases.OutcomeApprovedModified},
		{"a reject while waiting", []cases.SimplifiedView{v(1, ""), v(2, cases.VoteReject)}, nil, cases.OutcomeReferred},
		{"different views", []cases.SimplifiedView{v(1, cases.VoteApprove), v(2, cases.VoteApproveModified), v(3, "")}, nil, cases.OutcomeReferred},
		{"a recusal", []cases.SimplifiedView{v(1, cases.VoteApprove), v(2, cases.VoteApprove)}, map[int64]bool{2: true}, cases.OutcomeReferred},
		{"a recusal before views", []cases.SimplifiedView{v(1, ""), v(2, "")}, map[int64]bool{1: true}, cases.OutcomeReferred},
	} {
		if got := cases.SimplifiedOutcome(tc.views, tc.recused); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}

// Only designated members record views, only approve / approve with
// modifications / reject; once views exist the members cannot change;
// a designated member who recuses refers the case.
func TestSimplifiedProcedureGuards(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	a, b, other := k.members[0], k.members[1], k.members[2]
	c := k.newCase(false, cases.RiskLow)
	must(t, k.svc.DesignateSimplified(ctx, k.sec, c.ID, []int64{a.ID, other.ID}))
	// Until a view is recorded the members may still change.
	if err := k.svc.DesignateSimplified(ctx, k.sec, c.ID, []int64{a.ID, b.ID}); err != nil {
		t.Fatalf("changing the members before any view: %v", err)
	}
	must(t, k.svc.DeclareInterest(ctx, a, c.ID, false, ""))
	must(t, k.svc.DeclareInterest(ctx, other, c.ID, false, "")) // so that only the designation refuses them
	if _, err := k.svc.RecordView(ctx, a, c.ID, cases.VoteAbstain, ""); err == nil {
		t.Fatal("an abstention was accepted as a view")
	}
	if _, err := k.svc.RecordView(ctx, other, c.ID, cases.VoteApprove, ""); err == nil || !strings.Contains(err.Error(), "not designated") {
		t.Fatalf("a member not designated recorded a view: %v", err)
	}
	st, err := k.svc.RecordView(ctx, a, c.ID, cases.VoteApprove, "Fine.")
	must(t, err)
	if st.Outcome != cases.OutcomePending || len(st.Views) != 2 {
		t.Fatalf("after one view: %+v", st)
	}
	if err := k.svc.DesignateSimplified(ctx, k.sec, c.ID, []int64{a.ID, other.ID}); err == nil || !strings.Contains(err.Error(), "already recorded") {
		t.Fatalf("the members were changed after a view: %v", err)
	}
	must(t, k.svc.DeclareInterest(ctx, b, c.ID, true, "I advised the respondent."))
	got, err := k.svc.SimplifiedStatus(ctx, k.sec, c.ID)
	must(t, err)
	if got.Outcome != cases.OutcomeReferred {
		t.Fatalf("a designated member's recusal: %s", got.Outcome)
	}
}

// A reject in the simplified procedure of a case already on the next
// meeting's agenda is recorded, and the case stays on that agenda once.
func TestARejectOnACaseAlreadyOnTheNextAgendaIsRecorded(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	a, b := k.members[0], k.members[1]
	c := k.newCase(false, cases.RiskLow)
	m, err := k.svc.CreateMeeting(ctx, k.sec, cases.MustDate("2026-03-20"), "March sitting")
	must(t, err)
	must(t, k.svc.AddToAgenda(ctx, k.sec, m.ID, c.ID))
	must(t, k.svc.DesignateSimplified(ctx, k.sec, c.ID, []int64{a.ID, b.ID}))
	must(t, k.svc.DeclareInterest(ctx, a, c.ID, false, ""))
	st, err := k.svc.RecordView(ctx, a, c.ID, cases.VoteReject, "Needs the full committee.")
	if err != nil || st.Outcome != cases.OutcomeReferred || st.MeetingID != m.ID {
		t.Fatalf("the reject: %+v %v", st, err)
	}
	var rejected bool
	for _, v := range st.Views {
		rejected = rejected || (v.UserID == a.ID && v.View == cases.VoteReject)
	}
	if !rejected {
		t.Fatalf("the reject is not among the views: %+v", st.Views)
	}
	got, err := k.svc.Meeting(ctx, k.sec, m.ID)
	must(t, err)
	if len(got.Agenda) != 1 {
		t.Fatalf("the agenda holds %d items, want the case once", len(got.Agenda))
	}
}

// While the simplified procedure waits for views the case stays off the
// next meeting's agenda; a reject puts it there. A view's comment holds
// 2000 characters; one more is refused at the field.
func TestOnlyAReferralPutsTheCaseOnTheNextAgenda(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	a, b := k.members[0], k.members[1]
	c := k.newCase(false, cases.RiskLow)
	m, err := k.svc.CreateMeeting(ctx, k.sec, cases.MustDate("2026-03-20"), "March sitting")
	must(t, err)
	must(t, k.svc.DesignateSimplified(ctx, k.sec, c.ID, []int64{a.ID, b.ID}))
	for _, u := range []cases.User{a, b} {
		must(t, k.svc.DeclareInterest(ctx, u, c.ID, false, ""))
	}
	comment := strings.Repeat("意", cases.MaxReason)
	var fe cases.FieldErrors
	if _, err := k.svc.RecordView(ctx, a, c.ID, cases.VoteApprove, comment+"x"); !errors.As(err, &fe) || fe["comment"] != "Too long: at most 2000 characters." {
		t.Fatalf("a comment of 2001 characters: %v", err)
	}
	st, err := k.svc.RecordView(ctx, a, c.ID, cases.VoteApprove, comment)
	if err != nil || st.Outcome != cases.OutcomePending {
		t.Fatalf("a view with a comment of 2000 characters: %+v %v", st, err)
	}
	agenda := func() int {
		got, err := k.svc.Meeting(ctx, k.sec, m.ID)
		must(t, err)
		return len(got.Agenda)
	}
	if n := agenda(); n != 0 {
		t.Fatalf("a pending procedure put the case on the next agenda (%d items)", n)
	}
	st, err = k.svc.RecordView(ctx, b, c.ID, cases.VoteReject, "")
	if err != nil || st.Outcome != cases.OutcomeReferred || st.MeetingID != m.ID || agenda() != 1 {
		t.Fatalf("the reject: %+v %v, %d on the agenda", st, err, agenda())
	}
}

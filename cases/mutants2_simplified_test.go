package cases_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// Until a view is recorded, the secretariat may change who is designated
// for the simplified procedure.
func TestSimplifiedMembersChangeBeforeAnyView(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	a, b, other := k.members[0], k.members[1], k.members[2]
	c := k.newCase(false, cases.RiskLow)
	must(t, k.svc.DesignateSimplified(ctx, k.sec, c.ID, []int64{a.ID, b.ID}))
	if err := k.svc.DesignateSimplified(ctx, k.sec, c.ID, []int64{a.ID, other.ID}); err != nil {
		t.Fatalf("changing the designated members before any view: %v", err)
	}
	st, err := k.svc.SimplifiedStatus(ctx, k.sec, c.ID)
	must(t, err)
	got := map[int64]bool{}
	for _, v := range st.Views {
		got[v.UserID] = true
	}
	if len(st.Views) != 2 || !got[a.ID] || !got[other.ID] {
		t.Fatalf("designated after the change: %+v, want %s and %s", st.Views, a.Name(), other.Name())
	}
}

// A view is one of approve, approve with modifications or reject; anything
// else is refused at the field. A reject is accepted and refers the case.
func TestSimplifiedViewChoices(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	a, b := k.members[0], k.members[1]
	c := k.newCase(false, cases.RiskLow)
	must(t, k.svc.DesignateSimplified(ctx, k.sec, c.ID, []int64{a.ID, b.ID}))
	must(t, k.svc.DeclareInterest(ctx, a, c.ID, false, ""))
	for _, bad := range []cases.Vote{"", cases.VoteAbstain, "maybe"} {
		_, err := k.svc.RecordView(ctx, a, c.ID, bad, "")
		var fe cases.FieldErrors
		if !errors.As(err, &fe) || fe["vote"] == "" {
			t.Errorf("a view of %q: %v, want a sentence at vote", bad, err)
		}
	}
	st, err := k.svc.RecordView(ctx, a, c.ID, cases.VoteReject, "Not for the simplified procedure.")
	must(t, err)
	if st.Outcome != cases.OutcomeReferred {
		t.Fatalf("after a reject: %s, want referred", st.Outcome)
	}
}

// A view's comment may be exactly MaxReason characters; one more is
// refused at the field and no view is recorded.
func TestSimplifiedCommentAtItsLengthLimit(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	a, b := k.members[0], k.members[1]
	c := k.newCase(false, cases.RiskLow)
	must(t, k.svc.DesignateSimplified(ctx, k.sec, c.ID, []int64{a.ID, b.ID}))
	must(t, k.svc.DeclareInterest(ctx, a, c.ID, false, ""))
	_, err := k.svc.RecordView(ctx, a, c.ID, cases.VoteApprove, strings.Repeat("x", cases.MaxReason+1))
	var fe cases.FieldErrors
	if !errors.As(err, &fe) || fe["comment"] == "" {
		t.Fatalf("a comment one over the limit: %v, want a sentence at comment", err)
	}
	full := strings.Repeat("意", cases.MaxReason)
	st, err := k.svc.RecordView(ctx, a, c.ID, cases.VoteApprove, full)
	must(t, err)
	for _, v := range st.Views {
		if v.UserID == a.ID && (v.View != cases.VoteApprove || v.Comment != full) {
			t.Fatalf("the view with a comment at the limit was recorded as %+v", v)
		}
	}
}

// A view that refers the case puts it on the agenda of the next scheduled
// meeting; a view that leaves the procedure waiting does not.
func TestSimplifiedReferralGoesOnTheNextMeetingsAgenda(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	a, b := k.members[0], k.members[1]
	c := k.newCase(false, cases.RiskLow)
	m, err := k.svc.CreateMeeting(ctx, k.sec, cases.MustDate("2026-03-20"), "March sitting")
	must(t, err)
	must(t, k.svc.DesignateSimplified(ctx, k.sec, c.ID, []int64{a.ID, b.ID}))
	must(t, k.svc.DeclareInterest(ctx, a, c.ID, false, ""))
	must(t, k.svc.DeclareInterest(ctx, b, c.ID, false, ""))
	onAgenda := func() bool {
		t.Helper()
		got, err := k.svc.Meeting(ctx, k.sec, m.ID)
		must(t, err)
		for _, item := range got.Agenda {
			if item.CaseID == c.ID {
				return true
			}
		}
		return false
	}
	_, err = k.svc.RecordView(ctx, a, c.ID, cases.VoteApprove, "")
	must(t, err)
	if onAgenda() {
		t.Fatal("a case still waiting for a view was put on the meeting's agenda")
	}
	st, err := k.svc.RecordView(ctx, b, c.ID, cases.VoteReject, "Needs the full committee.")
	must(t, err)
	if st.Outcome != cases.OutcomeReferred || !onAgenda() {
		t.Fatalf("after a reject: %s, on the agenda %v; want referred and on the March sitting's agenda", st.Outcome, onAgenda())
	}
}

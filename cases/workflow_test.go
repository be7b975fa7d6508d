package cases

import "testing"

// TestTransitionTable checks every pair of statuses: exactly the moves drawn
// in PRODUCT.md are allowed, every other one is refused.
func TestTransitionTable(t *testing.T) {
	open := []Status{Received, Screening, UnderReview, AwaitingInfo, Deliberation, OpinionDrafting}
	want := map[[2]Status]bool{
		{Received, Screening}: true, {Screening, UnderReview}: true, {UnderReview, Deliberation}: true,
		{Deliberation, OpinionDrafting}: true, {OpinionDrafting, OpinionIssued}: true,
		{OpinionIssued, Closed}: true, {OpinionIssued, FollowUp}: true, {FollowUp, Closed}: true,
		{Screening, Inadmissible}: true, {Inadmissible, Closed}: true,
		{UnderReview, AwaitingInfo}: true, {AwaitingInfo, Screening}: true,
	}
	for _, s := range open {
		want[[2]Status{s, Withdrawn}] = true
	}
	for _, from := range AllStatuses {
		for _, to := range AllStatuses {
			if got := CanMove(from, to); got != want[[2]Status{from, to}] {
				t.Errorf("CanMove(%s, %s) = %v, want %v", from, to, got, !got)
			}
		}
	}
	if CanMove(Closed, Received) || len(NextStatuses(Closed)) != 0 || len(NextStatuses(Withdrawn)) != 0 {
		t.Error("closed and withdrawn cases must be final")
	}
}

func TestReasonRequired(t *testing.T) {
	for _, s := range AllStatuses {
		want := s == Inadmissible || s == Withdrawn
		if ReasonRequired(s) != want {
			t.Errorf("ReasonRequired(%s) = %v, want %v", s, !want, want)
		}
	}
}

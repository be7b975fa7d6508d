package cases_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
)

// The emergency procedure's 72 hours run from the moment of acceptance, in
// hours, and stop while the case awaits information.
func TestEmergencyDeadlineIsADateAndTimeCountedInHours(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	d := k.newCase(false, cases.RiskHigh).Draft
	d.Priority = cases.PriorityEmergency
	c, err := k.svc.CreateCase(ctx, k.sec, d)
	must(t, err)
	move := func(at time.Time, to cases.Status, reason string) {
		t.Helper()
		k.clock.mu.Lock()
		k.clock.t = at
		k.clock.mu.Unlock()
		cur, err := k.svc.GetCase(ctx, k.sec, c.ID)
		must(t, err)
		_, err = k.svc.Transition(ctx, k.sec, c.ID, cur.Version, to, reason)
		must(t, err)
	}
	accepted := time.Date(2026, 3, 10, 17, 30, 0, 0, time.Local)
	move(accepted.Add(-time.Hour), cases.Screening, "")
	move(accepted, cases.UnderReview, "")
	got, err := k.svc.GetCase(ctx, k.sec, c.ID)
	must(t, err)
	want := accepted.Add(72 * time.Hour)
	if !got.Deadline.DueAt.Equal(want) || got.DueOn != cases.DateOf(want) {
		t.Fatalf("emergency due %v (%s), want %v", got.Deadline.DueAt, got.DueOn, want)
	}
	if s := got.Deadline.String(); !strings.Contains(s, "72 hours from acceptance at 10 Mar 2026 17:30") || !strings.Contains(s, "due 13 Mar 2026 17:30") {
		t.Fatalf("the explanation says %q", s)
	}
	// 30 hours awaiting information move the due time by 30 hours.
	move(accepted.Add(10*time.Hour), cases.AwaitingInfo, "We asked the respondent for the system's logs.")
	move(accepted.Add(40*time.Hour), cases.Screening, "")
	move(accepted.Add(41*time.Hour), cases.UnderReview, "")
	got, err = k.svc.GetCase(ctx, k.sec, c.ID)
	must(t, err)
	if want := accepted.Add(102 * time.Hour); !got.Deadline.DueAt.Equal(want) {
		t.Fatalf("after a 30-hour pause the case is due %v, want %v", got.Deadline.DueAt, want)
	}
	// A pause still running counts to the end of today, the earliest it
	// can end: asked again at 19:30 on 12 Mar, the case is due 4.5 hours
	// later than before, and a day later 24 hours more.
	move(accepted.Add(50*time.Hour), cases.AwaitingInfo, "We asked again.")
	got, err = k.svc.GetCase(ctx, k.sec, c.ID)
	must(t, err)
	if want := accepted.Add(106*time.Hour + 30*time.Minute); !got.Deadline.DueAt.Equal(want) || !got.Deadline.Paused || got.Deadline.PausedDays != 1 {
		t.Fatalf("paused again: due %v (paused %v, %d days), want %v, still paused, 1 day", got.Deadline.DueAt, got.Deadline.Paused, got.Deadline.PausedDays, want)
	}
	if s := got.Deadline.String(); !strings.Contains(s, "(still paused)") {
		t.Fatalf("the explanation of a running pause says %q", s)
	}
	k.clock.advance(24 * time.Hour)
	got, err = k.svc.GetCase(ctx, k.sec, c.ID)
	must(t, err)
	if want := accepted.Add(130*time.Hour + 30*time.Minute); !got.Deadline.DueAt.Equal(want) {
		t.Fatalf("a day later the paused case is due %v, want %v", got.Deadline.DueAt, want)
	}
}

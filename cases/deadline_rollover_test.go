package cases

import (
	"strings"
	"testing"
	"time"
)

// A calendar-day deadline that falls in a holiday moves to the first
// working day after it, and its explanation counts the holidays it moved
// over: 4 days from Thursday 12 February 2026 is Monday 16, inside the
// nine days off of Spring Festival 2026 (15–23 February), so the
// decision is due Tuesday 24, past the eight holidays 16–23.
func TestARolledOverDeadlineCountsTheHolidaysItSkips(t *testing.T) {
	var cal []Holiday
	for d := MustDate("2026-02-15"); !d.After(MustDate("2026-02-23")); d = d.AddDays(1) {
		cal = append(cal, Holiday{Day: d, Name: "春节"})
	}
	ex := ComputeDeadline(DeadlineRule{Days: 4}, MustDate("2026-02-12"), nil, NewCalendar(cal), MustDate("2026-02-12"))
	if ex.Due != MustDate("2026-02-24") || !ex.RolledOver || ex.Holidays != 8 {
		t.Fatalf("due %s, rolled over %v, %d holidays; want 2026-02-24, true, 8", ex.Due, ex.RolledOver, ex.Holidays)
	}
	if s := ex.String(); !strings.Contains(s, "8 holidays") {
		t.Fatalf("the explanation does not count the holidays: %q", s)
	}
}

// A status history that leaves "Awaiting information" without having
// entered it (as an imported register may have) pauses nothing and does
// not stop the deadline being computed.
func TestAHistoryLeavingAwaitingInformationFirstPausesNothing(t *testing.T) {
	at := func(day int) time.Time { return time.Date(2026, 3, day, 10, 0, 0, 0, time.Local) }
	accepted, pauses := PausesFrom([]StatusChange{
		{At: at(2), From: AwaitingInfo, To: Screening},
		{At: at(3), From: Screening, To: UnderReview},
		{At: at(5), From: UnderReview, To: AwaitingInfo},
		{At: at(9), From: AwaitingInfo, To: Screening},
	})
	if accepted != MustDate("2026-03-03") || len(pauses) != 1 || pauses[0].From != MustDate("2026-03-05") || pauses[0].To != MustDate("2026-03-09") {
		t.Fatalf("accepted %s, pauses %+v", accepted, pauses)
	}
}

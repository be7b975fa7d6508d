package cases

import (
	"strings"
	"testing"
	"time"
)

func TestCalendarDeadline(t *testing.T) {
	// Accepted Tuesday 3 Mar 2026; 30 calendar days → Thursday 2 Apr 2026.
	ex := ComputeDeadline(DeadlineRule{Days: 30}, MustDate("2026-03-03"), nil, NewCalendar(nil), MustDate("2026-03-10"))
	if ex.Due != MustDate("2026-04-02") {
		t.Fatalf("due %s, want 2026-04-02", ex.Due)
	}
	if got := ex.String(); got != "30 calendar days from acceptance on 3 Mar 2026: due 2 Apr 2026." {
		t.Fatalf("explanation %q", got)
	}
}

func TestCalendarDeadlineFallingOnWeekendMovesToMonday(t *testing.T) {
	// 3 Mar 2026 + 32 days = Saturday 4 Apr → Monday 6 Apr.
	ex := ComputeDeadline(DeadlineRule{Days: 32}, MustDate("2026-03-03"), nil, NewCalendar(nil), MustDate("2026-03-10"))
	if ex.Due != MustDate("2026-04-06") || !ex.RolledOver {
		t.Fatalf("due %s rolled=%v, want Monday 2026-04-06", ex.Due, ex.RolledOver)
	}
}

func TestWorkingDaysAcrossWeekendAndHolidays(t *testing.T) {
	// Accepted Friday 3 Apr 2026. Holidays Monday 6 Apr and Friday 1 May.
	// 10 working days: 7,8,9,10 | 13,14,15,16,17 | 20 → Monday 20 Apr... with
	// the 6 Apr holiday skipped: 7,8,9,10,13,14,15,16,17,20 = 10 → 20 Apr.
	cal := NewCalendar([]Holiday{{Day: MustDate("2026-04-06")}, {Day: MustDate("2026-05-01")}})
	ex := ComputeDeadline(DeadlineRule{Days: 10, WorkingDays: true}, MustDate("2026-04-03"), nil, cal, MustDate("2026-04-03"))
	if ex.Due != MustDate("2026-04-20") {
		t.Fatalf("due %s, want 2026-04-20", ex.Due)
	}
	if ex.Holidays != 1 {
		t.Fatalf("holidays skipped %d, want 1", ex.Holidays)
	}
	if !strings.Contains(ex.String(), "10 working days from acceptance on 3 Apr 2026; 1 holiday: due 20 Apr 2026") {
		t.Fatalf("explanation %q", ex.String())
	}
}

func TestPauseExtendsDeadline(t *testing.T) {
	// 30 calendar days from 3 Mar; paused 10 Mar to 15 Mar (5 days) → 7 Apr (Tue).
	pauses := []Pause{{From: MustDate("2026-03-10"), To: MustDate("2026-03-15")}}
	ex := ComputeDeadline(DeadlineRule{Days: 30}, MustDate("2026-03-03"), pauses, NewCalendar(nil), MustDate("2026-03-20"))
	if ex.Due != MustDate("2026-04-07") || ex.PausedDays != 5 {
		t.Fatalf("due %s paused %d, want 2026-04-07 and 5", ex.Due, ex.PausedDays)
	}
	if !strings.Contains(ex.String(), "paused 5 days awaiting information") {
		t.Fatalf("explanation %q", ex.String())
	}
}

func TestOngoingPauseHoldsTheClock(t *testing.T) {
	pauses := []Pause{{From: MustDate("2026-03-10")}}
	a := ComputeDeadline(DeadlineRule{Days: 30}, MustDate("2026-03-03"), pauses, NewCalendar(nil), MustDate("2026-03-20"))
	b := ComputeDeadline(DeadlineRule{Days: 30}, MustDate("2026-03-03"), pauses, NewCalendar(nil), MustDate("2026-03-25"))
	if !a.Paused || b.PausedDays-a.PausedDays != 5 || !b.Due.After(a.Due) {
		t.Fatalf("an ongoing pause must move the due date day by day: %s then %s", a.Due, b.Due)
	}
}

func (d Date) Sub(o Date) int { return o.DaysUntil(d) }

func TestEmergencyProcedureIs72Hours(t *testing.T) {
	ex := ComputeDeadline(DeadlineRule{Days: 30, WorkingDays: true, Emergency: true}, MustDate("2026-04-03"), nil, NewCalendar(nil), MustDate("2026-04-03"))
	if ex.Due != MustDate("2026-04-06") || !strings.HasPrefix(ex.String(), "Emergency procedure: 72 hours") {
		t.Fatalf("emergency due %s: %q", ex.Due, ex.String())
	}
}

func TestFollowUpTwelveMonths(t *testing.T) {
	ex := ComputeFollowUp(MustDate("2026-05-31"))
	if ex.Due != MustDate("2027-05-31") {
		t.Fatalf("follow-up due %s", ex.Due)
	}
}

func TestPausesFromHistory(t *testing.T) {
	at := func(s string) time.Time { d := MustDate(s); return d.Time().Add(10 * time.Hour).In(time.Local) }
	h := []StatusChange{
		{From: Received, To: Screening, At: at("2026-03-01")},
		{From: Screening, To: UnderReview, At: at("2026-03-03")},
		{From: UnderReview, To: AwaitingInfo, At: at("2026-03-10")},
		{From: AwaitingInfo, To: Screening, At: at("2026-03-15")},
		{From: Screening, To: UnderReview, At: at("2026-03-16")},
	}
	acc, pauses := PausesFrom(h)
	if acc != MustDate("2026-03-03") || len(pauses) != 1 || pauses[0] != (Pause{MustDate("2026-03-10"), MustDate("2026-03-15")}) {
		t.Fatalf("accepted %s pauses %v", acc, pauses)
	}
}

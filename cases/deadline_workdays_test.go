package cases

import "testing"

// Around Spring Festival 2026 the State Council gave nine days off
// (15–23 February) and made Saturday 14 February a working day. Five
// working days from acceptance on Thursday 12 February are then Friday 13,
// Saturday 14 (worked), Tuesday 24, Wednesday 25 and Thursday 26.
func TestWorkingDayDeadlinesCountMakeUpWorkingDays(t *testing.T) {
	var cal []Holiday
	for d := MustDate("2026-02-15"); !d.After(MustDate("2026-02-23")); d = d.AddDays(1) {
		cal = append(cal, Holiday{Day: d, Name: "春节"})
	}
	cal = append(cal, Holiday{Day: MustDate("2026-02-14"), Name: "春节调休上班", Working: true})
	rule := DeadlineRule{Days: 5, WorkingDays: true}
	ex := ComputeDeadline(rule, MustDate("2026-02-12"), nil, NewCalendar(cal), MustDate("2026-02-12"))
	if ex.Due != MustDate("2026-02-26") {
		t.Errorf("due %s, want 2026-02-26 (the worked Saturday counts)", ex.Due)
	}
	if ex.Holidays != 9 {
		t.Errorf("holidays skipped: %d, want the nine days of Spring Festival", ex.Holidays)
	}

	// A calendar-day deadline that falls on a worked Saturday stays there.
	ex = ComputeDeadline(DeadlineRule{Days: 2}, MustDate("2026-02-12"), nil, NewCalendar(cal), MustDate("2026-02-12"))
	if ex.Due != MustDate("2026-02-14") || ex.RolledOver {
		t.Errorf("a calendar deadline on the worked Saturday moved to %s", ex.Due)
	}
	// And one that falls inside the holiday moves to the first working day after it.
	ex = ComputeDeadline(DeadlineRule{Days: 4}, MustDate("2026-02-12"), nil, NewCalendar(cal), MustDate("2026-02-12"))
	if ex.Due != MustDate("2026-02-24") || !ex.RolledOver {
		t.Errorf("a calendar deadline inside Spring Festival: %s, want 2026-02-24", ex.Due)
	}

	c := NewCalendar(cal)
	if !c.IsWorkingDay(MustDate("2026-02-14")) || c.IsWorkingDay(MustDate("2026-02-21")) || c.IsWorkingDay(MustDate("2026-02-16")) {
		t.Error("IsWorkingDay ignores the arrangement")
	}
}

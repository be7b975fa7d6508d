package cases_test

import (
	"testing"

	"ethicsdesk/cases"
)

// The register's "Days left" column counts calendar days from today to
// the case's due date: positive ahead of it, 0 on the day, negative once
// overdue; a case with no running deadline has no figure at all.
func TestDaysLeftCountsCalendarDaysToTheDueDate(t *testing.T) {
	k := newCommittee(t)
	today := k.svc.Today()
	for _, tc := range []struct {
		due  cases.Date
		want int
	}{{today.AddDays(10), 10}, {today, 0}, {today.AddDays(-3), -3}} {
		if days, ok := (cases.Row{DueOn: tc.due}).DaysLeft(today); !ok || days != tc.want {
			t.Errorf("due %s, today %s: %d days left (ok %v), want %d", tc.due, today, days, ok, tc.want)
		}
	}
	if days, ok := (cases.Row{}).DaysLeft(today); ok {
		t.Errorf("a case with no deadline shows %d days left", days)
	}
}

package cases_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// Importing a holiday arrangement on a real register: only the
// administrator imports; a file with nothing in it, a day without a date,
// a "working day" on a weekday or a day both off and worked is refused
// whole at the file field, leaving the calendar as it was. A good one
// (days off, a worked Saturday and Sunday) is saved with one audit entry
// per day saying what it is, and the open case counted in working days
// is due on the date the new calendar gives.
func TestImportingAHolidayArrangement(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := underReviewForFiveWorkingDays(t, k)
	var err error
	if c.DueOn != cases.MustDate("2026-03-17") {
		t.Fatalf("five working days from Tuesday 10 March end on %s, want 2026-03-17", c.DueOn)
	}

	day := func(s, name string, working bool) cases.Holiday {
		return cases.Holiday{Day: cases.MustDate(s), Name: name, Working: working}
	}
	good := []cases.Holiday{
		day("2026-03-12", "Day off", false), day("2026-03-14", "Worked Saturday", true), day("2026-03-15", "Worked Sunday", true),
	}
	var forbidden *cases.ForbiddenError
	if _, err := k.svc.ImportHolidays(ctx, k.sec, good); !errors.As(err, &forbidden) {
		t.Errorf("the secretariat imported holidays: %v", err)
	}
	for _, tc := range []struct {
		name    string
		days    []cases.Holiday
		refusal string
	}{
		{"nothing", nil, "The file lists no holidays or working days."},
		{"a day without a date", []cases.Holiday{good[0], {Name: "Undated"}}, "A day in the file has no date."},
		{"a worked Thursday", []cases.Holiday{good[0], day("2026-03-19", "Thursday", true)}, "2026-03-19 is a Thursday, which is a working day anyway; a make-up working day falls on a weekend."},
		{"a worked Monday", []cases.Holiday{day("2026-03-16", "Monday", true)}, "2026-03-16 is a Monday, which is a working day anyway; a make-up working day falls on a weekend."},
		{"a Saturday off and worked", []cases.Holiday{good[1], day("2026-03-14", "Day off", false)}, "2026-03-14 is listed both as a day off and as a working day."},
	} {
		var fe cases.FieldErrors
		if _, err := k.svc.ImportHolidays(ctx, k.admin, tc.days); !errors.As(err, &fe) || fe["file"] != tc.refusal {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.refusal)
		}
	}
	if stored, err := k.svc.Holidays(ctx); err != nil || len(stored) != 0 {
		t.Fatalf("refused imports left %d days in the calendar (%v)", len(stored), err)
	}

	head, _, err := k.svc.AuditHead(ctx)
	must(t, err)
	moved, err := k.svc.ImportHolidays(ctx, k.admin, append(good, good[0])) // a day listed twice alike is fine
	if err != nil || moved != 1 {
		t.Fatalf("the import: %d cases moved (%v), want 1", moved, err)
	}
	// Wednesday 11, Friday 13, Saturday 14, Sunday 15, Monday 16: the day
	// off does not count, the worked weekend does.
	got, err := k.svc.GetCase(ctx, k.sec, c.ID)
	must(t, err)
	if got.DueOn != cases.MustDate("2026-03-16") {
		t.Errorf("due %s after the import, want 2026-03-16", got.DueOn)
	}
	stored, err := k.svc.Holidays(ctx)
	must(t, err)
	if len(stored) != 3 {
		t.Errorf("the calendar holds %d days, want 3", len(stored))
	}
	recs, _, err := k.svc.AuditLog(ctx, k.admin, cases.AuditFilter{Action: "holiday.save", Limit: 100})
	must(t, err)
	var said []string
	for _, r := range recs {
		if r.Seq > head {
			said = append(said, r.After)
		}
	}
	all := strings.Join(said, "\n")
	for _, want := range []string{"2026-03-12 Day off (day off)", "2026-03-14 Worked Saturday (working day)", "2026-03-15 Worked Sunday (working day)"} {
		if !strings.Contains(all, want) {
			t.Errorf("no audit entry says %q: %s", want, all)
		}
	}
	if len(said) != 4 {
		t.Errorf("%d audit entries for the four days of the file", len(said))
	}
}

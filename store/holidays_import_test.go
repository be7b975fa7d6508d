package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/holidays"
)

// The administrator imports China's 2026 arrangement: a case counted in
// working days and accepted just before Spring Festival is then due on the
// date the State Council's calendar gives, and every imported day has its
// audit entry.
func TestImportingChinasArrangementMovesWorkingDayDeadlines(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	clk := &clock{time.Date(2026, 2, 10, 9, 0, 0, 0, time.Local)}
	svc := cases.NewService(db, clk.now)
	admin := cases.User{ID: 9, Username: "admin", Role: cases.RoleAdministrator, Active: true}
	if err := svc.SaveCaseType(ctx, admin, cases.CaseType{Code: "privacy_complaint", Name: "Privacy complaint", Complaint: true, DecisionDays: 5, WorkingDays: true}); err != nil {
		t.Fatal(err)
	}
	dr := draft()
	dr.ReceivedOn = cases.MustDate("2026-02-09")
	c, err := svc.CreateCase(ctx, secretary, dr)
	if err != nil {
		t.Fatal(err)
	}
	c, _ = svc.Transition(ctx, secretary, c.ID, c.Version, cases.Screening, "")
	clk.t = time.Date(2026, 2, 12, 9, 0, 0, 0, time.Local) // Thursday
	if c, err = svc.Transition(ctx, secretary, c.ID, c.Version, cases.UnderReview, ""); err != nil {
		t.Fatal(err)
	}
	if c.DueOn != cases.MustDate("2026-02-19") {
		t.Fatalf("without the arrangement five working days from 12 February end on %s, want 2026-02-19", c.DueOn)
	}
	before := auditCount(t, svc, admin)

	days, err := holidays.Official(2026)
	if err != nil {
		t.Fatal(err)
	}
	moved, err := svc.ImportHolidays(ctx, admin, days)
	if err != nil {
		t.Fatal(err)
	}
	if moved != 1 {
		t.Errorf("%d open cases moved, want 1", moved)
	}
	got, _ := svc.GetCase(ctx, secretary, c.ID)
	if got.DueOn != cases.MustDate("2026-02-26") {
		t.Errorf("due %s after the import, want 2026-02-26 (13th, the worked 14th, then 24th–26th)", got.DueOn)
	}
	stored, _ := svc.Holidays(ctx)
	working := 0
	for _, h := range stored {
		if h.Working {
			working++
		}
	}
	if len(stored) != len(days) || working != 6 {
		t.Errorf("the calendar holds %d days, %d of them worked; want %d and 6", len(stored), working, len(days))
	}
	if after := auditCount(t, svc, admin); after-before != len(days) {
		t.Errorf("%d audit entries for %d imported days", after-before, len(days))
	}

	// Importing again changes nothing and moves nothing.
	if moved, err := svc.ImportHolidays(ctx, admin, days); err != nil || moved != 0 {
		t.Errorf("a second import: moved %d, %v", moved, err)
	}
}

func TestABadArrangementOrAnotherRoleSavesNothing(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	svc := cases.NewService(db, time.Now)
	admin := cases.User{ID: 9, Username: "admin", Role: cases.RoleAdministrator, Active: true}
	days := []cases.Holiday{
		{Day: cases.MustDate("2026-10-01"), Name: "国庆节"},
		{Day: cases.MustDate("2026-10-08"), Name: "a Thursday", Working: true},
	}
	_, err := svc.ImportHolidays(ctx, admin, days)
	var fe cases.FieldErrors
	if !errors.As(err, &fe) || fe["file"] == "" {
		t.Fatalf("a working day on a Thursday: %v", err)
	}
	clash := []cases.Holiday{{Day: cases.MustDate("2026-10-10")}, {Day: cases.MustDate("2026-10-10"), Working: true}}
	if _, err := svc.ImportHolidays(ctx, admin, clash); !errors.As(err, &fe) {
		t.Fatalf("a day both off and worked: %v", err)
	}
	if _, err := svc.ImportHolidays(ctx, admin, nil); !errors.As(err, &fe) {
		t.Fatalf("an empty arrangement: %v", err)
	}
	var forbidden *cases.ForbiddenError
	if _, err := svc.ImportHolidays(ctx, secretary, days[:1]); !errors.As(err, &forbidden) {
		t.Fatalf("the secretariat imported holidays: %v", err)
	}
	if stored, _ := svc.Holidays(ctx); len(stored) != 0 {
		t.Fatalf("a refused import left %d days in the calendar", len(stored))
	}
}

// auditCount is the number of audit entries the administrator can see.
func auditCount(t *testing.T, svc *cases.Service, admin cases.User) int {
	t.Helper()
	_, total, err := svc.AuditLog(context.Background(), admin, cases.AuditFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return total
}

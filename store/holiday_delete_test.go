package store_test

import (
	"context"
	"testing"
	"time"

	"ethicsdesk/cases"
)

// Deleting a holiday removes that day only, leaves one audit entry naming
// the day and who deleted it, and the open case's deadline counted over
// it moves back a working day.
func TestDeletingAHolidayRemovesThatDayAndMovesTheDeadlineBack(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	clk := &clock{time.Date(2026, 3, 3, 10, 0, 0, 0, time.Local)} // Tuesday
	svc := cases.NewService(db, clk.now)
	if err := svc.SaveCaseType(ctx, auditor, cases.CaseType{Code: "privacy_complaint", Name: "Privacy complaint", Complaint: true, DecisionDays: 5, WorkingDays: true}); err != nil {
		t.Fatal(err)
	}
	for _, h := range []cases.Holiday{{Day: cases.MustDate("2026-03-05"), Name: "Committee day off"}, {Day: cases.MustDate("2026-05-01"), Name: "Labour Day"}} {
		if err := svc.SaveHoliday(ctx, auditor, h); err != nil {
			t.Fatal(err)
		}
	}
	c, err := svc.CreateCase(ctx, secretary, draft())
	if err != nil {
		t.Fatal(err)
	}
	for _, to := range []cases.Status{cases.Screening, cases.UnderReview} {
		if c, err = svc.Transition(ctx, secretary, c.ID, c.Version, to, ""); err != nil {
			t.Fatal(err)
		}
	}
	withHoliday := c.DueOn
	seq, _, _ := db.AuditHead(ctx)

	if err := svc.DeleteHoliday(ctx, auditor, cases.MustDate("2026-03-05")); err != nil {
		t.Fatal(err)
	}
	hs, err := svc.Holidays(ctx)
	if err != nil || len(hs) != 1 || hs[0].Day != cases.MustDate("2026-05-01") || hs[0].Name != "Labour Day" {
		t.Fatalf("holidays after deleting 5 March: %+v %v", hs, err)
	}
	recs, _, err := db.AuditQuery(ctx, cases.AuditFilter{Action: "holiday.delete", Limit: 10})
	if err != nil || len(recs) != 1 || recs[0].Seq != seq+1 || recs[0].Actor != "Chen Jie" || recs[0].Before != `"2026-03-05"` {
		t.Fatalf("the deletion's audit entry (after entry %d): %+v %v", seq, recs, err)
	}
	got, err := svc.GetCase(ctx, secretary, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Five working days from Tuesday 3 March: 10 March, or 11 March
	// with Thursday 5 March off.
	if withHoliday != cases.MustDate("2026-03-11") || got.DueOn != cases.MustDate("2026-03-10") {
		t.Fatalf("due %s with the holiday, %s without it; want 2026-03-11 and 2026-03-10", withHoliday, got.DueOn)
	}
	if bad, problem, err := db.VerifyAuditChain(ctx); err != nil || bad != 0 {
		t.Fatalf("the audit chain: entry %d, %s, %v", bad, problem, err)
	}
}

package store_test

import (
	"context"
	"testing"
	"time"

	"ethicsdesk/cases"
)

// The audit view's days are the user's calendar days, not UTC's: in
// Beijing an entry made at 23:59 falls on that day and one made at
// midnight on the next, although both are on the same UTC day.
func TestAuditDaysAreLocalCalendarDays(t *testing.T) {
	old := time.Local
	time.Local = time.FixedZone("CST", 8*3600)
	t.Cleanup(func() { time.Local = old })

	db, _ := openTemp(t)
	ctx := context.Background()
	clk := &clock{time.Date(2026, 3, 9, 23, 59, 30, 0, time.Local)}
	svc := cases.NewService(db, clk.now)
	late, err := svc.CreateCase(ctx, secretary, draft())
	if err != nil {
		t.Fatal(err)
	}
	clk.t = time.Date(2026, 3, 10, 0, 0, 0, 0, time.Local) // midnight exactly
	early, err := svc.CreateCase(ctx, secretary, draft())
	if err != nil {
		t.Fatal(err)
	}
	on := func(from, to string) []int64 {
		t.Helper()
		recs, total, err := svc.AuditLog(ctx, auditor, cases.AuditFilter{Action: "case.create", From: cases.MustDate(from), To: cases.MustDate(to)})
		if err != nil || total != len(recs) {
			t.Fatalf("%s to %s: %d of %d, %v", from, to, len(recs), total, err)
		}
		var ids []int64
		for _, r := range recs {
			ids = append(ids, r.EntityID)
		}
		return ids
	}
	if got := on("2026-03-09", "2026-03-09"); len(got) != 1 || got[0] != late.ID {
		t.Fatalf("9 March: cases %v, want only %d made at 23:59", got, late.ID)
	}
	if got := on("2026-03-10", "2026-03-10"); len(got) != 1 || got[0] != early.ID {
		t.Fatalf("10 March: cases %v, want only %d made at midnight", got, early.ID)
	}
	if got := on("2026-03-09", "2026-03-10"); len(got) != 2 {
		t.Fatalf("9 to 10 March: cases %v, want both", got)
	}
	if got := on("2026-03-11", "2026-03-31"); len(got) != 0 {
		t.Fatalf("after 10 March: cases %v, want none", got)
	}
}

package store_test

import (
	"context"
	"testing"

	"ethicsdesk/cases"
)

// A case received on the first day of a period counts in it, not in the
// period starting the next day; a case never decided has no decision day.
func TestStatisticsPeriodsIncludeTheirFirstDay(t *testing.T) {
	db, _ := registerWithCases(t, 1) // received on 2 March 2026
	ctx := context.Background()
	recs, err := db.StatsRecords(ctx, cases.Period{From: cases.MustDate("2026-03-02"), To: cases.MustDate("2026-03-31")})
	if err != nil || len(recs) != 1 || recs[0].ReceivedOn != cases.MustDate("2026-03-02") || !recs[0].DecidedOn.IsZero() {
		t.Fatalf("March from the 2nd: %+v %v", recs, err)
	}
	if recs, err := db.StatsRecords(ctx, cases.Period{From: cases.MustDate("2026-03-03"), To: cases.MustDate("2026-03-31")}); err != nil || len(recs) != 0 {
		t.Fatalf("March from the 3rd: %+v %v", recs, err)
	}
}

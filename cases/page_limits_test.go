package cases_test

import (
	"context"
	"testing"

	"ethicsdesk/cases"
)

// The register and the search answer in pages: up to 1000 rows when
// asked, a page of 100 when asked for none, fewer than none or more than
// 1000; a negative offset starts at the beginning. An empty search finds
// nothing. A search past its first page does not add the submitter's
// cases again.
func TestRegisterAndSearchPages(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	now := k.clock.now().UTC()
	d := k.newCase(false, cases.RiskLow).Draft
	var batch []cases.ImportedCase
	for i := 0; i < 110; i++ {
		batch = append(batch, cases.ImportedCase{Case: cases.Case{Draft: d, Status: cases.Received, CreatedAt: now, CreatedBy: "test", UpdatedAt: now, UpdatedBy: "test"}})
	}
	must(t, k.db.ImportCases(ctx, batch, cases.AuditEntry{Actor: cases.System, Action: "test.import", Entity: "register"}))
	const all = 111
	for _, tc := range []struct{ offset, limit, want int }{
		{0, 1000, all}, {0, 1001, cases.PageSize}, {0, 0, cases.PageSize}, {0, -1, cases.PageSize}, {-5, 5, 5}, {all - 3, 10, 3},
	} {
		rows, err := k.svc.ListCases(ctx, k.sec, cases.Query{}, tc.offset, tc.limit)
		if err != nil || len(rows) != tc.want {
			t.Errorf("the register at %d, %d rows: %d (%v), want %d", tc.offset, tc.limit, len(rows), err, tc.want)
		}
		hits, err := k.svc.Search(ctx, k.sec, "GateFace", cases.Query{}, tc.offset, tc.limit)
		if err != nil || len(hits) != tc.want {
			t.Errorf("the search at %d, %d hits: %d (%v), want %d", tc.offset, tc.limit, len(hits), err, tc.want)
		}
	}
	if hits, err := k.svc.Search(ctx, k.sec, "  ", cases.Query{}, 0, 10); err != nil || len(hits) != 0 {
		t.Errorf("an empty search: %d hits (%v)", len(hits), err)
	}
	first, err := k.svc.Search(ctx, k.sec, "Zhang Wei", cases.Query{}, 0, 50)
	must(t, err)
	second, err := k.svc.Search(ctx, k.sec, "Zhang Wei", cases.Query{}, 50, 50)
	must(t, err)
	if len(first) != 50 || len(second) != 0 {
		t.Errorf("searching the submitter's name: %d hits on the first page, %d on the second; want 50 and none (the name is not in the index)", len(first), len(second))
	}
}

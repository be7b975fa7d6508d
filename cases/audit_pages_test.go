package cases_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"ethicsdesk/cases"
)

// The audit view's pages: up to 1000 entries at once when asked, a page
// of 100 when asked for none, fewer than none or more than 1000; a
// negative offset starts at the newest, an offset of 10 ten entries
// back. Its filter lists the recorded
// actions, to the administrator only.
func TestTheAuditViewPagesAndActions(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	for i := 0; i < 120; i++ {
		must(t, k.db.SaveSettings(ctx, map[string]string{"filler": itoa(int64(i))}, cases.AuditEntry{Actor: k.admin, Action: "test.settings", Entity: "settings"}))
	}
	head, _, err := k.svc.AuditHead(ctx)
	must(t, err)
	for _, tc := range []struct {
		limit, offset, want int
	}{
		{1000, 0, int(head)},
		{1001, 0, cases.PageSize},
		{0, 0, cases.PageSize},
		{-1, 0, cases.PageSize},
		{5, -5, 5},
		{5, 10, 5},
	} {
		recs, total, err := k.svc.AuditLog(ctx, k.admin, cases.AuditFilter{Limit: tc.limit, Offset: tc.offset})
		if err != nil || len(recs) != tc.want || total != int(head) || recs[0].Seq != head-int64(max(tc.offset, 0)) {
			t.Errorf("limit %d offset %d: %d entries of %d (%v), want %d of %d", tc.limit, tc.offset, len(recs), total, err, tc.want, head)
		}
	}
	actions, err := k.svc.AuditActions(ctx, k.admin)
	if err != nil || !slices.Contains(actions, "user.create") || !slices.Contains(actions, "test.settings") {
		t.Errorf("the actions to filter by: %v %v", actions, err)
	}
	var forbidden *cases.ForbiddenError
	if actions, err := k.svc.AuditActions(ctx, k.sec); !errors.As(err, &forbidden) || actions != nil {
		t.Errorf("the secretariat lists the audit log's actions: %v %v", actions, err)
	}
}

// A case's history is read whole, however long: past the first thousand
// entries too, newest first.
func TestACaseHistoryOfMoreThanAThousandEntriesIsReadWhole(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := k.newCase(false, cases.RiskLow)
	for i := 0; i < 1000; i++ {
		_, err := k.svc.AddNote(ctx, k.sec, c.ID, "Note "+itoa(int64(i)), false)
		must(t, err)
	}
	_, total, err := k.svc.AuditLog(ctx, k.admin, cases.AuditFilter{CaseID: c.ID, Limit: 1})
	must(t, err)
	hist, err := k.svc.CaseHistory(ctx, k.sec, c.ID)
	must(t, err)
	if total != 1001 || len(hist) != total {
		t.Fatalf("the history holds %d entries of %d", len(hist), total)
	}
	if hist[0].Seq <= hist[len(hist)-1].Seq || hist[len(hist)-1].Action != "case.create" {
		t.Fatalf("the history runs from %d to %d, ending with %s", hist[0].Seq, hist[len(hist)-1].Seq, hist[len(hist)-1].Action)
	}
}

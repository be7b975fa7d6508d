package store_test

import (
	"context"
	"fmt"
	"testing"

	"ethicsdesk/cases"
)

// The register's deadline filters, on Tuesday 10 March: overdue is due
// before today; within seven days is due from today to the 17th, both
// ends included; "overdue or within seven days" is both. A case awaiting
// information (its clock stopped) and a case without a deadline are in
// none of them.
func TestTheRegistersDeadlineFilters(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	svc := newService(db) // today is 10 March 2026
	ids := map[string]int64{}
	due := map[int64]cases.Date{}
	for _, x := range []struct{ name, on string }{
		{"overdue", "2026-03-09"}, {"today", "2026-03-10"}, {"in7", "2026-03-17"}, {"in8", "2026-03-18"}, {"waiting", "2026-03-01"}, {"none", ""},
	} {
		c, err := svc.CreateCase(ctx, secretary, draft())
		if err != nil {
			t.Fatal(err)
		}
		ids[x.name] = c.ID
		if x.name == "waiting" {
			for _, to := range []cases.Status{cases.Screening, cases.UnderReview, cases.AwaitingInfo} {
				if c, err = svc.Transition(ctx, secretary, c.ID, c.Version, to, ""); err != nil {
					t.Fatal(err)
				}
			}
		}
		if x.on != "" {
			due[c.ID] = cases.MustDate(x.on)
		}
	}
	if err := db.SetDueDates(ctx, due); err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		due  cases.DueFilter
		want []string
	}{
		{cases.DueOverdue, []string{"overdue"}},
		{cases.DueWithin7, []string{"today", "in7"}},
		{cases.DueOverdueOr7, []string{"overdue", "today", "in7"}},
		{cases.DueAny, []string{"overdue", "today", "in7", "in8", "waiting", "none"}},
	} {
		rows, err := svc.ListCases(ctx, secretary, cases.Query{Due: f.due}, 0, 50)
		if err != nil {
			t.Fatal(err)
		}
		var want, got []int64
		for _, n := range f.want {
			want = append(want, ids[n])
		}
		for _, r := range rows {
			got = append(got, r.ID)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("filter %q: cases %v, want %v (%v)", f.due, got, want, f.want)
		}
	}
}

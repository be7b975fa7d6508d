package store_test

import (
	"context"
	"fmt"
	"testing"

	"ethicsdesk/cases"
)

// A search of exclusions only lists every other case, newest first, and
// keeps to the register's filter.
func TestExclusionsAloneListTheOtherCasesWithinTheFilter(t *testing.T) {
	f := newSearchFixture(t)
	ctx := context.Background()
	search := func(q cases.Query) []string {
		t.Helper()
		hits, err := f.svc.Search(ctx, secretary, "-wombatine", q, 0, 50)
		if err != nil {
			t.Fatalf("-wombatine with filter %+v: %v", q, err)
		}
		return refsOf(hits)
	}
	// All received the same day: the newest is the last entered.
	want := []string{f.refs["secret"], f.refs["mixed"], f.refs["chinese"], f.refs["noted"], f.refs["facial"]}
	if got := search(cases.Query{}); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("-wombatine found %v, want %v", got, want)
	}

	c, err := f.svc.GetCase(ctx, secretary, f.ids["chinese"])
	if err != nil {
		t.Fatal(err)
	}
	d := c.Draft
	d.Risk = cases.RiskLow
	if _, err := f.svc.UpdateCase(ctx, secretary, c.ID, c.Version, d); err != nil {
		t.Fatal(err)
	}
	if got := search(cases.Query{Risk: cases.RiskLow}); fmt.Sprint(got) != fmt.Sprint([]string{f.refs["chinese"]}) {
		t.Fatalf("-wombatine among the low-risk cases found %v, want only %s", got, f.refs["chinese"])
	}
}

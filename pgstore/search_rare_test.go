package pgstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/demo"
	"ethicsdesk/pgstore"
)

// A word the store has seen to be rare is asked again over the
// connections that keep one generic plan (search_rare.go): the same
// cases, scores and snippets' documents as the full ranking, the
// member's view kept (not another's private note), filters included.
func TestRareWordsAreAskedOverGenericPlans(t *testing.T) {
	pg, member, hidden := rareWordRegister(t)
	before := pg.GenericPlanSearches()
	rareSearchesEqualTheFullRanking(t, pg, member, hidden)
	learnt := pg.GenericPlanSearches()
	rareSearchesEqualTheFullRanking(t, pg, member, hidden)
	if n := pg.GenericPlanSearches() - learnt; n < 3 {
		t.Errorf("only %d of the rare words' second searches ran over the generic plans (%d while learning them)", n, learnt-before)
	}
}

// A PostgreSQL that refuses the generic-plan setting (one before 12 has
// none) still answers every search, over the ordinary connections.
func TestRareWordsAreFoundWhenGenericPlansAreRefused(t *testing.T) {
	defer pgstore.SetGenericPlanSettings(map[string]string{"plan_cache_mode": "no_such_mode"})()
	pg, member, hidden := rareWordRegister(t)
	rareSearchesEqualTheFullRanking(t, pg, member, hidden)
	rareSearchesEqualTheFullRanking(t, pg, member, hidden)
	if n := pg.GenericPlanSearches(); n != 0 {
		t.Errorf("%d searches ran over connections PostgreSQL refused", n)
	}
}

var rareEnd = time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)

// rareWordRegister is a small demo register on PostgreSQL with a made-up
// word in three cases' notes and a fourth's private note by the secretary.
func rareWordRegister(t *testing.T) (*pgstore.DB, cases.User, int64) {
	t.Helper()
	ctx := context.Background()
	lite, pg := copiedDemo(t, demo.SeedOptions{Cases: 200, Notes: 200, Seed: 3, End: rareEnd})
	member, err := lite.UserByName(ctx, "liu")
	if err != nil {
		t.Fatal(err)
	}
	sec, err := lite.UserByName(ctx, "secretary")
	if err != nil {
		t.Fatal(err)
	}
	svc := cases.NewService(pg, func() time.Time { return rareEnd })
	rows, err := svc.ListCases(ctx, sec, cases.Query{}, 0, 4)
	if err != nil || len(rows) < 4 {
		t.Fatalf("%d cases (%v)", len(rows), err)
	}
	for i, text := range []string{"The quokkatronic scanner was shown to the panel.", "盾牌 quokkatronic", "A note on the 盾牌 system."} {
		if _, err := svc.AddNote(ctx, sec, rows[i].ID, text, false); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := svc.AddNote(ctx, sec, rows[3].ID, "quokkatronic 盾牌, privately", true); err != nil {
		t.Fatal(err)
	}
	return pg, member, rows[3].ID
}

func rareSearchesEqualTheFullRanking(t *testing.T, pg *pgstore.DB, member cases.User, hidden int64) {
	t.Helper()
	ctx := context.Background()
	for _, tc := range []struct {
		text string
		q    cases.Query
		want int
	}{
		{"quokkatronic", cases.Query{}, 2}, {"盾牌", cases.Query{}, 2},
		{"quokkatronic 盾牌", cases.Query{}, 1}, {"quokkatronic", cases.Query{Status: cases.Closed}, -1},
	} {
		tc.q.Today, tc.q.Viewer = cases.DateOf(rareEnd), member
		got, err := pg.SearchCases(ctx, tc.text, tc.q, 0, 50)
		if err != nil {
			t.Fatal(err)
		}
		want, err := pg.FullRanking(ctx, tc.text, tc.q, 0, 50)
		if err != nil {
			t.Fatal(err)
		}
		if tc.want >= 0 && len(got) != tc.want {
			t.Errorf("%q finds %d cases, want %d", tc.text, len(got), tc.want)
		}
		if fmt.Sprint(ids(got)) != fmt.Sprint(ids(want)) || fmt.Sprint(scores(got)) != fmt.Sprint(scores(want)) {
			t.Errorf("%q: %v %v, the full ranking %v %v", tc.text, ids(got), scores(got), ids(want), scores(want))
		}
		for _, m := range got {
			if m.ID == hidden {
				t.Errorf("%q: the member found case %d by another's private note", tc.text, hidden)
			}
		}
	}
}

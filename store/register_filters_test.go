package store_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/internal/passwordcost"
)

// TestRegisterFiltersByBreachAndRapporteur filters the register as the
// secretariat does: the complaints alleging discrimination, the cases of
// one rapporteur, the cases nobody has been given yet; counts and pages
// agree, and each filter's page is read through an index.
func TestRegisterFiltersByBreachAndRapporteur(t *testing.T) {
	db, path := openTemp(t)
	ctx := context.Background()
	svc := cases.NewService(db, (&clock{time.Date(2026, 3, 2, 9, 0, 0, 0, time.Local)}).now)
	passwordcost.Cheap()
	admin, err := svc.Bootstrap(ctx, "admin", "Administrator", "a long enough test password")
	if err != nil {
		t.Fatal(err)
	}
	sec, err := svc.CreateUser(ctx, admin, cases.NewAccount{Username: "sec", DisplayName: "Li Na", Role: cases.RoleSecretariat, Password: "a long enough test password"})
	if err != nil {
		t.Fatal(err)
	}
	wang, err := svc.CreateUser(ctx, admin, cases.NewAccount{Username: "wang", DisplayName: "Wang Fang", Role: cases.RoleMember, Password: "a long enough test password"})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for i, breach := range []cases.Breach{"privacy", "discrimination", "discrimination", "health"} {
		d := draft()
		d.Breach = breach
		d.Title = "Case " + itoa(i)
		c, err := svc.CreateCase(ctx, sec, d)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	for _, id := range ids[1:3] {
		if _, err := svc.AssignRapporteur(ctx, sec, id, wang.ID); err != nil {
			t.Fatal(err)
		}
	}
	titles := func(q cases.Query) []string {
		t.Helper()
		q.Sort = cases.SortReference
		rows, err := svc.ListCases(ctx, sec, q, 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		matching, _, err := svc.CountCases(ctx, sec, q)
		if err != nil || matching != len(rows) {
			t.Fatalf("%+v: counted %d, listed %d (%v)", q, matching, len(rows), err)
		}
		var out []string
		for _, r := range rows {
			out = append(out, r.Title)
		}
		return out
	}
	if got := strings.Join(titles(cases.Query{Breach: "discrimination"}), ","); got != "Case 1,Case 2" {
		t.Fatalf("complaints alleging discrimination: %s", got)
	}
	if got := strings.Join(titles(cases.Query{Rapporteur: wang.ID}), ","); got != "Case 1,Case 2" {
		t.Fatalf("Wang Fang's cases: %s", got)
	}
	if got := strings.Join(titles(cases.Query{Rapporteur: cases.NoRapporteur}), ","); got != "Case 0,Case 3" {
		t.Fatalf("cases without a rapporteur: %s", got)
	}
	if got := strings.Join(titles(cases.Query{Rapporteur: wang.ID, Breach: "health"}), ","); got != "" {
		t.Fatalf("Wang Fang's health complaints: %s", got)
	}

	// The page query under each filter uses its index, not a scan of the
	// whole register followed by a sort.
	raw, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for name, q := range map[string]cases.Query{
		"breach":        {Breach: "privacy", Sort: cases.SortReference, Desc: true, Viewer: sec},
		"rapporteur":    {Rapporteur: wang.ID, Sort: cases.SortReference, Desc: true, Viewer: sec},
		"no rapporteur": {Rapporteur: cases.NoRapporteur, Sort: cases.SortReference, Desc: true, Viewer: sec},
	} {
		query, args, err := db.ListCasesSQL(context.Background(), q, 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := raw.Query("EXPLAIN QUERY PLAN "+query, args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			rows.Scan(&id, &parent, &unused, &detail)
			plan = append(plan, detail)
		}
		rows.Close()
		flat := strings.Join(plan, "; ")
		if strings.Contains(flat, "TEMP B-TREE") || !strings.Contains(flat, "USING INDEX cases_") {
			t.Errorf("the %s filter's page is not read through an index: %s", name, flat)
		}
	}
}

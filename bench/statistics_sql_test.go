package bench

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/demo"
	"ethicsdesk/store"
)

// The statistics figure of make bench is a ratio to StatisticsSQL run by
// the sqlite3 shell; the reference only means something if it computes
// what the app computes. Compared here on a seeded register, for several
// years and for a period cut across years.
func TestStatisticsSQLMatchesTheApp(t *testing.T) {
	path := filepath.Join(t.TempDir(), "stats.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	end := time.Date(2026, 11, 24, 12, 0, 0, 0, time.Local)
	ctx := context.Background()
	if err := demo.Seed(ctx, db, demo.SeedOptions{Cases: 1500, Notes: 100, Seed: 11, End: end}); err != nil {
		t.Fatal(err)
	}
	svc := cases.NewService(db, func() time.Time { return end })
	actor, err := svc.Login(ctx, DemoUser, DemoPassword)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	periods := []cases.Period{cases.YearPeriod(2025), cases.YearPeriod(2026), cases.YearPeriod(2024),
		{From: cases.NewDate(2024, 7, 1), To: cases.NewDate(2025, 6, 30)}}
	for _, p := range periods {
		st, err := svc.Statistics(ctx, actor, p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Received == 0 || st.Decided == 0 || st.DecisionTime.Cases == 0 {
			t.Fatalf("%s: the seeded register has nothing to compare (%+v)", p, st)
		}
		want := []string{
			fmt.Sprintf("total||%d|%d", st.Received, st.Decided),
			fmt.Sprintf("overdue||%d|0", st.Overdue),
			fmt.Sprintf("decision-time||%g|%g", st.DecisionTime.MedianDays*2, st.DecisionTime.P90Days),
		}
		for _, tab := range st.Tables {
			for _, r := range tab.Rows {
				want = append(want, fmt.Sprintf("%s|%s|%d|%d", tab.Dimension, r.Code, r.Received, r.Decided))
			}
		}
		rows, err := raw.Query(StatisticsSQL(p, svc.Today()))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for rows.Next() {
			var fig, code string
			var a, b float64
			if err := rows.Scan(&fig, &code, &a, &b); err != nil {
				t.Fatal(err)
			}
			got = append(got, fmt.Sprintf("%s|%s|%g|%g", fig, code, a, b))
		}
		rows.Close()
		sort.Strings(want)
		sort.Strings(got)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: plain SQL and the app differ\nSQL:\n%s\napp:\n%s", p, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

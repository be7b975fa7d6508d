package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/demo"
	"ethicsdesk/store"
)

// seededRegister is a demo register of n cases, its service pinned to the
// seed's end date, and a plain read-only connection for checking by SQL.
func seededRegister(t testing.TB, n int) (*store.DB, *cases.Service, *sql.DB) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "seeded.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	end := time.Date(2026, 11, 24, 12, 0, 0, 0, time.Local)
	if err := demo.Seed(context.Background(), db, demo.SeedOptions{Cases: n, Notes: 3 * n, Seed: 5, End: end}); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return db, cases.NewService(db, func() time.Time { return end }), raw
}

// firstDecisions is the plain-SQL definition of a case's decision day.
const firstDecisions = `(SELECT case_id, date(MIN(at), 'localtime') AS day FROM status_changes
	WHERE to_status IN ('opinion_issued', 'inadmissible', 'withdrawn') GROUP BY case_id)`

func sqlCount(t *testing.T, raw *sql.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := raw.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func sqlGroups(t *testing.T, raw *sql.DB, q string, args ...any) map[string]int {
	t.Helper()
	rows, err := raw.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			t.Fatal(err)
		}
		out[k] = n
	}
	return out
}

// The statistics read the register in shares at once (one per core); in
// one share or several, every figure must be the plain SQL's.
func TestStatisticsAgreeWithPlainSQL(t *testing.T) {
	_, svc, raw := seededRegister(t, 4000)
	for _, shares := range []int{1, 3} {
		t.Run(fmt.Sprintf("%d shares", shares), func(t *testing.T) {
			defer store.SetStatsShares(shares)()
			statisticsAgreeWithPlainSQL(t, svc, raw)
		})
	}
}

func statisticsAgreeWithPlainSQL(t *testing.T, svc *cases.Service, raw *sql.DB) {
	ctx := context.Background()
	for _, year := range []int{2024, 2025, 2026} {
		p := cases.YearPeriod(year)
		from, to := p.From.String(), p.To.String()
		st, err := svc.Statistics(ctx, secretary, p)
		if err != nil {
			t.Fatal(err)
		}
		received := sqlCount(t, raw, "SELECT count(*) FROM cases WHERE received_on BETWEEN ?1 AND ?2", from, to)
		decided := sqlCount(t, raw, "SELECT count(*) FROM "+firstDecisions+" WHERE day BETWEEN ?1 AND ?2", from, to)
		if st.Received != received || st.Decided != decided || received == 0 || decided == 0 {
			t.Fatalf("%d: received %d decided %d, SQL says %d and %d", year, st.Received, st.Decided, received, decided)
		}
		// Breakdowns: received by every dimension, decided by status and breach.
		cols := map[cases.StatDimension]string{cases.ByType: "type_code", cases.ByStatus: "status", cases.BySector: "sector",
			cases.ByCatalogue: "catalogue_code", cases.ByRisk: "risk", cases.ByBreach: "breach"}
		for dim, col := range cols {
			wantRec := sqlGroups(t, raw, "SELECT "+col+", count(*) FROM cases WHERE received_on BETWEEN ?1 AND ?2 GROUP BY 1", from, to)
			wantDec := sqlGroups(t, raw, "SELECT c."+col+", count(*) FROM cases c JOIN "+firstDecisions+" d ON d.case_id = c.id WHERE d.day BETWEEN ?1 AND ?2 GROUP BY 1", from, to)
			for _, r := range st.Table(dim).Rows {
				if r.Received != wantRec[r.Code] || r.Decided != wantDec[r.Code] {
					t.Fatalf("%d by %s %q: %d/%d, SQL %d/%d", year, dim, r.Code, r.Received, r.Decided, wantRec[r.Code], wantDec[r.Code])
				}
				delete(wantRec, r.Code)
				delete(wantDec, r.Code)
			}
			if len(wantRec)+len(wantDec) > 0 {
				t.Fatalf("%d by %s: rows missing from the statistics: %v %v", year, dim, wantRec, wantDec)
			}
		}
		// Time to decision, median and nearest-rank 90th percentile.
		rows, err := raw.Query(`SELECT CAST(julianday(d.day) - julianday(c.accepted_on) AS INTEGER) FROM cases c JOIN `+firstDecisions+` d
			ON d.case_id = c.id WHERE d.day BETWEEN ?1 AND ?2 AND c.accepted_on <> '' AND d.day >= c.accepted_on`, from, to)
		if err != nil {
			t.Fatal(err)
		}
		var days []int
		for rows.Next() {
			var d int
			rows.Scan(&d)
			days = append(days, d)
		}
		rows.Close()
		sort.Ints(days)
		if len(days) == 0 || st.DecisionTime.Cases != len(days) {
			t.Fatalf("%d: %d decision times, SQL %d", year, st.DecisionTime.Cases, len(days))
		}
		med := float64(days[len(days)/2])
		if len(days)%2 == 0 {
			med = float64(days[len(days)/2-1]+days[len(days)/2]) / 2
		}
		p90 := float64(days[(len(days)*9+9)/10-1])
		if st.DecisionTime.MedianDays != med || st.DecisionTime.P90Days != p90 {
			t.Fatalf("%d: median %v p90 %v, SQL %v %v", year, st.DecisionTime.MedianDays, st.DecisionTime.P90Days, med, p90)
		}
		// Overdue is the register's own "Overdue" filter for the year.
		overdue, _, err := svc.CountCases(ctx, secretary, cases.Query{Year: year, Due: cases.DueOverdue})
		if err != nil || st.Overdue != overdue {
			t.Fatalf("%d: overdue %d, register filter %d (%v)", year, st.Overdue, overdue, err)
		}
	}
	if _, err := svc.Statistics(ctx, secretary, cases.Period{From: cases.MustDate("2026-02-01"), To: cases.MustDate("2026-01-01")}); err == nil {
		t.Fatal("a period ending before it starts was accepted")
	}
}

func TestOpinionsIssuedInAYear(t *testing.T) {
	_, svc, raw := seededRegister(t, 2000)
	list, err := svc.OpinionsIssuedIn(context.Background(), secretary, cases.YearPeriod(2025))
	if err != nil {
		t.Fatal(err)
	}
	want := sqlCount(t, raw, `SELECT count(*) FROM (SELECT case_id, date(MIN(at), 'localtime') AS day FROM status_changes
		WHERE to_status = 'opinion_issued' GROUP BY case_id) WHERE day BETWEEN '2025-01-01' AND '2025-12-31'`)
	if len(list) != want || want == 0 {
		t.Fatalf("%d opinions listed, SQL %d", len(list), want)
	}
	for i, r := range list {
		if r.IssuedOn.Year() != 2025 || (i > 0 && r.IssuedOn.Before(list[i-1].IssuedOn)) {
			t.Fatalf("row %d issued %s out of order or year", i, r.IssuedOn)
		}
		if r.Confidential && r.Title != cases.ConfidentialTitle {
			t.Fatalf("confidential title printed: %q", r.Title)
		}
	}
}

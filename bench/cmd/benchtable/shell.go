package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"ethicsdesk/bench"
	"ethicsdesk/cases"
	"ethicsdesk/store"
)

// shellRepeats is how often the shell runs a statement in one invocation.
// An invocation runs it once (to warm SQLite's cache and pay for opening
// the file) or 1+shellRepeats times; the difference divided by
// shellRepeats is the time of one warm statement, without the cost of
// starting the shell, opening the register and printing.
const shellRepeats = 5

// shellSpan is how long the repeats of a precisely timed statement last:
// starting a process varies by a millisecond or more, which would be all
// that five runs of a statement of a fraction of a millisecond measure.
const shellSpan = 100 * time.Millisecond

func timeShell(db, script string) (time.Duration, error) {
	cmd := exec.Command("sqlite3", "-bail", "-readonly", db)
	cmd.Stdin = strings.NewReader(".output /dev/null\n" + script)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if err != nil || len(out) > 0 {
		return 0, fmt.Errorf("sqlite3: %v %s", err, out)
	}
	return time.Since(start), nil
}

// shellStatement times one statement (literal SQL) in the sqlite3 shell,
// in milliseconds, from shellRepeats runs.
func shellStatement(db, stmt string) (float64, error) {
	return shellTimed(db, stmt, false)
}

// shellStatementPrecise is shellStatement for statements that may take
// well under a millisecond: it repeats them ten times more until the
// repeats last shellSpan.
func shellStatementPrecise(db, stmt string) (float64, error) {
	return shellTimed(db, stmt, true)
}

func shellTimed(db, stmt string, precise bool) (float64, error) {
	stmt = strings.TrimSpace(stmt) + ";\n"
	once, err := timeShell(db, stmt)
	if err != nil {
		return 0, err
	}
	for repeats := shellRepeats; ; repeats *= 10 {
		many, err := timeShell(db, strings.Repeat(stmt, 1+repeats))
		if err != nil {
			return 0, err
		}
		if !precise || many-once >= shellSpan || repeats >= 50000 {
			return max(0, float64(many-once)/1e6/float64(repeats)), nil
		}
	}
}

func percentile(xs []float64, p int) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s[(len(s)*p+99)/100-1]
}

// shellReferences times the app's own register and search SQL in the
// sqlite3 shell and pairs it with the Go benchmarks.
func shellReferences(c config) ([]row, error) {
	db, err := store.OpenExisting(c.db)
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	svc := cases.NewService(db, nil)
	actor, err := svc.Login(ctx, bench.DemoUser, bench.DemoPassword)
	if err != nil {
		db.Close()
		return nil, err
	}
	pages, err := bench.RegisterPages(ctx, svc, actor)
	today := svc.Today()
	db.Close()
	if err != nil {
		return nil, err
	}
	var pageStmts []string
	for _, p := range pages {
		q := p.Query
		q.Today, q.Viewer = today, actor
		s, err := store.LiteralSQL(store.ListCasesSQL(q, p.Offset, cases.PageSize))
		if err != nil {
			return nil, err
		}
		pageStmts = append(pageStmts, s)
	}
	os.WriteFile(filepath.Join(c.work, "register-pages.sql"), []byte(strings.Join(pageStmts, ";\n")), 0o644)
	var refP95, refMedian []float64
	for run := 0; run < c.runs; run++ {
		var times []float64
		for _, s := range pageStmts {
			t, err := shellStatement(c.db, s)
			if err != nil {
				return nil, err
			}
			times = append(times, t)
		}
		refP95 = append(refP95, percentile(times, 95))
		refMedian = append(refMedian, percentile(times, 50))
	}
	rows := []row{
		{figure: "register page, 95th percentile", unit: "ms", samples: goResults.metric("BenchmarkRegisterPage", "p95-ms"),
			ref: refP95, refName: "sqlite3", limit: 5},
		{figure: "register page, median", unit: "ms", samples: goResults.metric("BenchmarkRegisterPage", "median-ms"),
			ref: refMedian, refName: "sqlite3"},
	}
	var p95 []float64
	for _, t := range bench.SearchTerms {
		name := "BenchmarkSearch/" + t.Name
		r := row{figure: fmt.Sprintf("search %q, median", t.Text), unit: "ms",
			samples: goResults.metric(name, "median-ms"), refName: "sqlite3", ratio: 1.2}
		stmt, args, ok := store.SearchCasesSQL(t.Text, cases.Query{Today: today, Viewer: actor}, 0, bench.SearchLimit)
		if !ok {
			return nil, fmt.Errorf("search %q has no statement", t.Text)
		}
		lit, err := store.LiteralSQL(stmt, args)
		if err != nil {
			return nil, err
		}
		for run := 0; run < c.runs; run++ {
			t, err := shellStatementPrecise(c.db, lit)
			if err != nil {
				return nil, err
			}
			r.ref = append(r.ref, t)
		}
		rows = append(rows, r)
		for i, v := range goResults.metric(name, "p95-ms") {
			if i >= len(p95) {
				p95 = append(p95, v)
			}
			p95[i] = max(p95[i], v)
		}
	}
	rows = append(rows,
		row{figure: "search, 95th percentile of the slowest term", unit: "ms", samples: p95, limit: 100},
		row{figure: "statistics for one year", unit: "ms", samples: goResults.metric("BenchmarkStatisticsYear", "median-ms"), limit: 200},
		row{figure: "render and sign 10-page bilingual opinion", unit: "ms", samples: goResults.metric("BenchmarkRenderAndSign", "median-ms"), limit: 100},
		row{figure: "  same, with unlocking the key (argon2id)", unit: "ms", samples: goResults.metric("BenchmarkRenderUnlockAndSign", "median-ms")},
	)
	return rows, nil
}

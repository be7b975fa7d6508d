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

// shellReferences times the app's own register and search SQL, and the
// statistics as plain SQL, in the sqlite3 shell, each in turn with the Go
// benchmark it is set against, round by round (inTurn): measured in steps
// minutes apart, the shell's register pages moved from 2.04 to 1.24 ms at
// the 95th percentile between two runs while the program's stayed within
// 1.26–1.46 ms, and the row failed on the reference alone.
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
	if err != nil {
		db.Close()
		return nil, err
	}
	// The very statements the app runs for these pages: each starts after
	// the key of the row before it, which the app learns once.
	var pageStmts []string
	for _, p := range pages {
		q := p.Query
		q.Today, q.Viewer = today, actor
		stmt, args, err := db.ListCasesSQL(ctx, q, p.Offset, cases.PageSize)
		if err != nil {
			db.Close()
			return nil, err
		}
		s, err := store.LiteralSQL(stmt, args)
		if err != nil {
			db.Close()
			return nil, err
		}
		pageStmts = append(pageStmts, s)
	}
	db.Close()
	os.WriteFile(filepath.Join(c.work, "register-pages.sql"), []byte(strings.Join(pageStmts, ";\n")), 0o644)
	searchStmts := map[string]string{}
	for _, t := range bench.SearchTerms {
		stmt, args, ok := store.SearchCasesSQL(t.Text, cases.Query{Today: today, Viewer: actor}, 0, bench.SearchLimit)
		if !ok {
			return nil, fmt.Errorf("search %q has no statement", t.Text)
		}
		lit, err := store.LiteralSQL(stmt, args)
		if err != nil {
			return nil, err
		}
		searchStmts[t.Name] = lit
	}
	statsSQL := bench.StatisticsSQL(cases.YearPeriod(today.Year()-1), today)

	// The shell's figures, one run each, under the names they are read by.
	shellPages := func(config) (benchResult, error) {
		var times []float64
		for _, s := range pageStmts {
			t, err := shellStatement(c.db, s)
			if err != nil {
				return nil, err
			}
			times = append(times, t)
		}
		return benchResult{"pages": {{"p95": percentile(times, 95), "median": percentile(times, 50)}}}, nil
	}
	shellSearches := func(config) (benchResult, error) {
		res := benchResult{}
		for _, t := range bench.SearchTerms {
			ms, err := shellStatementPrecise(c.db, searchStmts[t.Name])
			if err != nil {
				return nil, err
			}
			res[t.Name] = []map[string]float64{{"median": ms}}
		}
		return res, nil
	}
	shellStatistics := func(config) (benchResult, error) {
		ms, err := shellStatement(c.db, statsSQL)
		if err != nil {
			return nil, err
		}
		return benchResult{"statistics": {{"median": ms}}}, nil
	}
	res, err := inTurn(c, registerPageBench, shellPages, searchBench, shellSearches, statisticsBench, shellStatistics)
	if err != nil {
		return nil, err
	}
	goRes, shell := benchResult{}, benchResult{}
	for i, r := range res {
		into := goRes
		if i%2 == 1 {
			into = shell
		}
		for k, v := range r {
			into[k] = append(into[k], v...)
		}
	}
	rows := []row{
		// Each page's time is measured as the shell's is (warmed, then the
		// mean of shellRepeats reads) before the percentiles over pages.
		{figure: "register page, 95th percentile", unit: "ms", samples: goRes.metric("BenchmarkRegisterPage", "page-p95-ms"),
			ref: shell.metric("pages", "p95"), refName: "sqlite3", ratio: 1.0},
		{figure: "register page, median", unit: "ms", samples: goRes.metric("BenchmarkRegisterPage", "page-median-ms"),
			ref: shell.metric("pages", "median"), refName: "sqlite3"},
		{figure: "register page, 95th percentile of single reads", unit: "ms", samples: goRes.metric("BenchmarkRegisterPage", "p95-ms")},
	}
	// The slowest term is the one whose 95th percentile is highest; its
	// target is the shell's median for the same term.
	slowest := row{figure: "search, 95th percentile of the slowest term", unit: "ms", refName: "sqlite3 median", ratio: 1.0}
	slowestP95 := -1.0
	for _, t := range bench.SearchTerms {
		name := "BenchmarkSearch/" + t.Name
		r := row{figure: fmt.Sprintf("search %q, median", t.Text), unit: "ms",
			samples: goRes.metric(name, "median-ms"), ref: shell.metric(t.Name, "median"), refName: "sqlite3", ratio: 1.0}
		rows = append(rows, r)
		if p95 := goRes.metric(name, "p95-ms"); len(p95) > 0 && median(p95) > slowestP95 {
			slowestP95 = median(p95)
			slowest.samples, slowest.ref = p95, r.ref
			slowest.refName = fmt.Sprintf("sqlite3 median, %q", t.Text)
		}
	}
	stats := row{figure: "statistics for one year", unit: "ms", samples: goRes.metric("BenchmarkStatisticsYear", "median-ms"),
		ref: shell.metric("statistics", "median"), refName: "sqlite3, plain SQL", ratio: 1.0}
	rows = append(rows, slowest, stats)
	return rows, nil
}

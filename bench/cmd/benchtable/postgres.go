package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"time"

	"ethicsdesk/bench"
	"ethicsdesk/internal/pgtest"
)

// postgresColumn is the PostgreSQL column of issue 14: the cached register
// is copied with `ethicsdesk migrate` into a throwaway cluster this step
// starts (as an unprivileged account when run as root) and removes, and
// the register, search and statistics benchmarks run on both engines in
// the same run, each PostgreSQL figure beside the SQLite one with the
// ratio. The cluster runs with fsync off, as the tests' clusters do: the
// figures are reads, which fsync does not touch.
func postgresColumn(c config) ([]row, error) {
	cl, err := pgtest.Start()
	if err != nil {
		return nil, err
	}
	defer cl.Stop()
	url, err := cl.NewDatabase()
	if err != nil {
		return nil, err
	}
	var migrated []float64
	start := time.Now()
	cmd := exec.Command(c.bin, "migrate", "--from", c.db, "--to", url)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("ethicsdesk migrate: %w", err)
	}
	migrated = append(migrated, time.Since(start).Seconds())
	size, err := databaseSize(url)
	if err != nil {
		return nil, err
	}
	fileInfo, err := os.Stat(c.db)
	if err != nil {
		return nil, err
	}
	lite := goResults
	if lite == nil { // -only postgres: the SQLite figures of this run
		if lite, err = engineBenchmarks(c, ""); err != nil {
			return nil, err
		}
	}
	pg, err := engineBenchmarks(c, url)
	if err != nil {
		return nil, err
	}
	both := func(figure, name, unit string, limit, ratio float64) row {
		return row{figure: "PostgreSQL " + figure, unit: "ms", samples: pg.metric(name, unit),
			ref: lite.metric(name, unit), refName: "SQLite", limit: limit, ratio: ratio}
	}
	rows := []row{
		both("register page, 95th percentile", "BenchmarkRegisterPage", "p95-ms", 10, 0),
		both("register page, median", "BenchmarkRegisterPage", "median-ms", 0, 0),
	}
	for _, t := range bench.SearchTerms {
		rows = append(rows, both(fmt.Sprintf("search %q, median", t.Text), "BenchmarkSearch/"+t.Name, "median-ms", 0, 2))
	}
	rows = append(rows,
		both("statistics for one year", "BenchmarkStatisticsYear", "median-ms", 0, 0),
		row{figure: "PostgreSQL migrate the register (checks included)", unit: "s", samples: migrated},
		row{figure: "PostgreSQL database size", unit: "MB", samples: []float64{float64(size) / 1e6},
			ref: []float64{float64(fileInfo.Size()) / 1e6}, refName: "SQLite file"},
	)
	return rows, nil
}

// engineBenchmarks runs the register, search and statistics benchmarks on
// the cached register (url "") or on the PostgreSQL database at url.
func engineBenchmarks(c config, url string) (benchResult, error) {
	if url != "" {
		os.Setenv("ED_BENCH_PG", url)
		defer os.Unsetenv("ED_BENCH_PG")
	}
	all := benchResult{}
	for _, b := range []struct{ pattern, benchtime string }{
		{"^BenchmarkRegisterPage$", "400x"},
		{"^BenchmarkSearch$", "20x"},
		{"^BenchmarkStatisticsYear$", "10x"},
	} {
		res, err := goBench(c, "./bench/", b.pattern, b.benchtime)
		if err != nil {
			return nil, err
		}
		for k, v := range res {
			all[k] = v
		}
	}
	return all, nil
}

// databaseSize is what the register takes on the database server: its
// tables, indexes and search index.
func databaseSize(url string) (int64, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n int64
	err = db.QueryRowContext(context.Background(), "SELECT pg_database_size(current_database())").Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("the database's size: %w", err)
	}
	return n, nil
}

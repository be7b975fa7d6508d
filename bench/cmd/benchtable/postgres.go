package main

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"ethicsdesk/bench"
	"ethicsdesk/internal/pgtest"
)

// postgresColumn is the PostgreSQL column of issue 14: the cached register
// is copied with `ethicsdesk migrate` into a throwaway cluster this step
// starts (as an unprivileged account when run as root) and removes, and
// the register, search and statistics benchmarks run on both engines in
// turn, round by round, each PostgreSQL figure beside the SQLite one with
// the ratio, and a bare round trip to PostgreSQL in the same rounds
// (BenchmarkPostgresRoundTrip), for information. The cluster runs with
// fsync off, as the tests' clusters do: the figures are reads, which fsync
// does not touch.
func postgresColumn(c config) ([]row, error) {
	cl, url, migrated, when, err := migratedRegister(c)
	if err != nil {
		return nil, err
	}
	defer cl.Stop()
	size, err := databaseSize(url)
	if err != nil {
		return nil, err
	}
	fileInfo, err := os.Stat(c.db)
	if err != nil {
		return nil, err
	}
	// SQLite, PostgreSQL and a bare round trip to it in turn, round by
	// round (inTurn).
	engines, err := inTurn(c,
		func(c config) (benchResult, error) { return engineBenchmarks(c, "") },
		func(c config) (benchResult, error) { return engineBenchmarks(c, url) },
		func(c config) (benchResult, error) {
			return goBench(c, "./bench/", "^BenchmarkPostgresRoundTrip$", "200x", "ED_BENCH_PG="+url)
		})
	if err != nil {
		return nil, err
	}
	lite, pg, trip := engines[0], engines[1], engines[2]
	// A figure with a target is judged as the committee server's are:
	// against the file's figure plus the bare round trip measured in the
	// same rounds, which no statement sent to PostgreSQL can take less
	// than. A rare word's whole search on the file (0.08–0.09 ms in the
	// runs of 4 December, night) is about as long as that round trip
	// (0.06–0.07 ms), so against the file alone the target asked
	// PostgreSQL to plan nothing, run the statement, send its rows and
	// have the program read them in the time of one SELECT 1. The ratio
	// column stays the ratio to SQLite.
	both := func(figure, name, unit string, ratio float64) row {
		r := row{figure: "PostgreSQL " + figure, unit: "ms", samples: pg.metric(name, unit),
			ref: lite.metric(name, unit), refName: "SQLite", ratio: ratio}
		if ratio > 0 {
			r.allowance, r.allowanceName = trip.metric("BenchmarkPostgresRoundTrip", "median-ms"), "bare round trip"
		}
		return r
	}
	rows := []row{
		// issue 14 asked ≤ 10 ms; issue 18 asks a ratio to a reference
		// of the same run: the same ≤ 2× SQLite as the searches
		both("register page, 95th percentile", "BenchmarkRegisterPage", "p95-ms", 2),
		both("register page, median", "BenchmarkRegisterPage", "median-ms", 0),
	}
	for _, t := range bench.SearchTerms {
		rows = append(rows, both(fmt.Sprintf("search %q, median", t.Text), "BenchmarkSearch/"+t.Name, "median-ms", 2))
	}
	rows = append(rows,
		both("statistics for one year", "BenchmarkStatisticsYear", "median-ms", 0),
		// What any statement costs there: the part of a PostgreSQL figure
		// that no work on the register file, read inside the program, has.
		row{figure: "PostgreSQL bare round trip (SELECT 1), median", unit: "ms", samples: trip.metric("BenchmarkPostgresRoundTrip", "median-ms")},
		row{figure: "PostgreSQL migrate the register (checks included)", unit: "s", samples: []float64{migrated}, note: when},
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
		// A rare word's search takes a tenth of a millisecond: the median
		// of 20 moved by half from round to round (0.14–0.23 ms on
		// PostgreSQL in the run of 4 December, 20:30), as much as the
		// target's margin; 200 cost 40 ms a round.
		{"^BenchmarkSearch$/^common-", "20x"},
		{"^BenchmarkSearch$/^rare-", "200x"},
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

// migratedRegister starts a throwaway cluster holding the cached register
// migrated with `ethicsdesk migrate`. The migration (several minutes: every
// case, note and opinion gets its search vector) is done once and its
// data folder kept in the cache beside the register, named after the
// register and the sources that shape the copy; later runs start on a copy
// of it. It returns the migration's time in seconds and when it was made.
func migratedRegister(c config) (*pgtest.Cluster, string, float64, string, error) {
	key, err := postgresKey(c.db)
	if err != nil {
		return nil, "", 0, "", err
	}
	saved := filepath.Join(c.cacheDir, "postgres-"+key)
	var name, made string
	var seconds float64
	if b, err := os.ReadFile(saved + ".txt"); err == nil {
		if _, err := fmt.Sscan(string(b), &name, &seconds, &made); err == nil {
			cl, err := pgtest.StartFrom(saved)
			if err != nil {
				return nil, "", 0, "", err
			}
			return cl, cl.URL(name), seconds, "measured when cached, " + made, nil
		}
	}
	old, _ := filepath.Glob(filepath.Join(c.cacheDir, "postgres-*"))
	for _, f := range old { // migrations of an older register or store
		os.RemoveAll(f)
	}
	cl, err := pgtest.Start()
	if err != nil {
		return nil, "", 0, "", err
	}
	url, err := cl.NewDatabase()
	if err != nil {
		cl.Stop()
		return nil, "", 0, "", err
	}
	fmt.Fprintf(os.Stderr, "bench: migrating %s into PostgreSQL (once; several minutes)…\n", c.db)
	start := time.Now()
	cmd := exec.Command(c.bin, "migrate", "--from", c.db, "--to", url)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		cl.Stop()
		return nil, "", 0, "", fmt.Errorf("ethicsdesk migrate: %w", err)
	}
	seconds = time.Since(start).Seconds()
	name = strings.TrimPrefix(strings.SplitN(url[strings.LastIndex(url, "/"):], "?", 2)[0], "/")
	made = time.Now().UTC().Format("2006-01-02T15:04Z")
	if err := cl.SaveData(saved); err != nil {
		cl.Stop()
		return nil, "", 0, "", err
	}
	cl.Stop()
	if err := os.WriteFile(saved+".txt", []byte(fmt.Sprintf("%s %.1f %s\n", name, seconds, made)), 0o644); err != nil {
		return nil, "", 0, "", err
	}
	if cl, err = pgtest.StartFrom(saved); err != nil {
		return nil, "", 0, "", err
	}
	return cl, cl.URL(name), seconds, "measured in this run", nil
}

// postgresKey names a migrated register after the SQLite register it
// came from and the sources that shape the copy: how rows are copied and
// how their search vectors are made. Schema changes need no new copy:
// opening the database brings it up to date.
func postgresKey(register string) (string, error) {
	h := sha256.New()
	h.Write([]byte(filepath.Base(register)))
	files, _ := filepath.Glob("textindex/*.go")
	files = append(files, "pgstore/copy.go", "pgstore/search_index.go")
	sort.Strings(files)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return "", fmt.Errorf("run from the repository's root: %w", err)
		}
		h.Write([]byte(f))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

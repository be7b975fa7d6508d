package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

const tags = "sqlite_fts5 migrated_fynedo no_emoji"

// benchResult is the metrics of each run (-count) of each Go benchmark,
// keyed by the benchmark's name without the -N CPU suffix.
type benchResult map[string][]map[string]float64

// goBench runs `go test -bench` on pkg, with env added to this program's
// environment, and parses its lines.
func goBench(c config, pkg, pattern, benchtime string, env ...string) (benchResult, error) {
	cmd := exec.Command("go", "test", "-tags", tags, "-run", "^$", "-bench", pattern,
		"-count", strconv.Itoa(c.runs), "-benchtime", benchtime, "-timeout", "30m", pkg)
	cmd.Env = append(append(os.Environ(), "ED_BENCH_DB="+c.db, "ED_BENCH_OUT="+c.work), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, os.Stderr
	err := cmd.Run()
	os.Stderr.Write(out.Bytes()) // the slow-page logs explain the register figure
	if err != nil {
		return nil, fmt.Errorf("go test -bench %s %s: %w", pattern, pkg, err)
	}
	res := benchResult{}
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name := f[0]
		if i := strings.LastIndex(name, "-"); i > 0 {
			name = name[:i]
		}
		m := map[string]float64{}
		for i := 2; i+1 < len(f); i += 2 {
			if v, err := strconv.ParseFloat(f[i], 64); err == nil {
				m[f[i+1]] = v
			}
		}
		res[name] = append(res[name], m)
	}
	return res, nil
}

// metric is one metric over the runs of a benchmark.
func (r benchResult) metric(name, unit string) []float64 {
	var xs []float64
	for _, m := range r[name] {
		if v, ok := m[unit]; ok {
			xs = append(xs, v)
		} else if v, ok := m["ns/op"]; ok && unit == "median-ms" {
			xs = append(xs, v/1e6) // a benchmark without percentiles: its mean
		}
	}
	return xs
}

// goBenchmarks runs the in-process figure that has no reference:
// render and sign with the key's unlocking. The register page, search and
// statistics benchmarks run in turn with the sqlite3 shell (shell.go),
// render and sign and verify in turn with pdfsig (external.go).
func goBenchmarks(c config) ([]row, error) {
	res, err := goBench(c, "./bench/", "^BenchmarkRenderUnlockAndSign$", "5x")
	if err != nil {
		return nil, err
	}
	goResults = res
	return nil, nil // the row is made with pdfsig's (external.go)
}

// Each -benchtime is sized so a run takes a few seconds: every register
// page is read twice per run.
var (
	registerPageBench = func(c config) (benchResult, error) {
		return goBench(c, "./bench/", "^BenchmarkRegisterPage$", "400x")
	}
	searchBench     = func(c config) (benchResult, error) { return goBench(c, "./bench/", "^BenchmarkSearch$", "20x") }
	statisticsBench = func(c config) (benchResult, error) {
		return goBench(c, "./bench/", "^BenchmarkStatisticsYear$", "10x")
	}
)

// inTurn runs the measures in turn, once each a round, for c.runs rounds,
// and gathers each measure's runs. Figures set against each other are so
// taken seconds apart, on the machine as it is then: measured in steps
// minutes apart, a reference moved by half between two steps of the same
// run while the figure set against it did not.
func inTurn(c config, measures ...func(config) (benchResult, error)) ([]benchResult, error) {
	one := c
	one.runs = 1
	out := make([]benchResult, len(measures))
	for i := range out {
		out[i] = benchResult{}
	}
	for range c.runs {
		for i, measure := range measures {
			res, err := measure(one)
			if err != nil {
				return nil, err
			}
			for name, runs := range res {
				out[i][name] = append(out[i][name], runs...)
			}
		}
	}
	return out, nil
}

// goResults are kept for the rows that pair them with a reference.
var goResults benchResult

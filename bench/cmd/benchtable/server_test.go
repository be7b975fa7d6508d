package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// loadTestOutput is what `go test -v` of bench/loadtest printed in a real
// run (LOADTEST_DURATION=30s, 2026-12-02): the table twice, logged and on
// its own.
const loadTestOutput = `=== RUN   TestCommitteeServerUnderLoad
    load_test.go:418: engine: sqlite
    load_test.go:427: local: 30 clients on the sqlite register for 30s
    load_test.go:465: server: 30 clients through https://127.0.0.1:37273 for 30s
    load_test.go:493: 
        realistic load on sqlite, 30s per half, 2 cores (GOMAXPROCS 2), load average 11.73 before, 9.50 after, 2026-12-02 16:09 UTC
        operation (p95)                         local       server   ratio   n local  n server
        register page                           900µs        5.2ms    5.62        42        47
        search                                 10.6ms       19.7ms    1.86        36        41
        open a case                             900µs       21.9ms   23.81        42        47
        add a note                             64.9ms         41ms    0.63        36        41
        vote                                   70.6ms       20.5ms    0.29        36        41
        save an edit                           15.3ms        4.3ms    0.28         6         6
        log a case with an attachment          34.6ms         19ms    0.55         6         6
        save an opinion draft                   8.1ms        5.1ms    0.62         2         2
        sign (rapporteur)                     695.9ms      546.1ms    0.78         2         2
        countersign (chair)                   593.1ms      321.1ms    0.54         2         2
        CPU used while the server half ran: the server process 540ms, the thirty clients' process 960ms
        stale-edit refusals: 0 local, 0 server; cases logged 6/6, notes 36/41, opinions issued 2/2
        

realistic load on sqlite, 30s per half, 2 cores (GOMAXPROCS 2), load average 11.73 before, 9.50 after, 2026-12-02 16:09 UTC
operation (p95)                         local       server   ratio   n local  n server
register page                           900µs        5.2ms    5.62        42        47
search                                 10.6ms       19.7ms    1.86        36        41
open a case                             900µs       21.9ms   23.81        42        47
add a note                             64.9ms         41ms    0.63        36        41
vote                                   70.6ms       20.5ms    0.29        36        41
save an edit                           15.3ms        4.3ms    0.28         6         6
log a case with an attachment          34.6ms         19ms    0.55         6         6
save an opinion draft                   8.1ms        5.1ms    0.62         2         2
sign (rapporteur)                     695.9ms      546.1ms    0.78         2         2
countersign (chair)                   593.1ms      321.1ms    0.54         2         2
CPU used while the server half ran: the server process 540ms, the thirty clients' process 960ms
stale-edit refusals: 0 local, 0 server; cases logged 6/6, notes 36/41, opinions issued 2/2

--- PASS: TestCommitteeServerUnderLoad (70.27s)
PASS
ok  	ethicsdesk/bench/loadtest	70.356s
`

func TestLoadTestTableIsReadFromItsOutput(t *testing.T) {
	lt, err := parseLoadTest(loadTestOutput)
	if err != nil {
		t.Fatal(err)
	}
	if lt.mode != "realistic" || lt.engine != "sqlite" || lt.perHalf != "30s" {
		t.Errorf("the run is %q on %q, %q a half; want realistic on sqlite, 30s", lt.mode, lt.engine, lt.perHalf)
	}
	want := []loadOp{
		{"register page", 900 * time.Microsecond, 5200 * time.Microsecond, 42, 47},
		{"search", 10600 * time.Microsecond, 19700 * time.Microsecond, 36, 41},
		{"open a case", 900 * time.Microsecond, 21900 * time.Microsecond, 42, 47},
		{"add a note", 64900 * time.Microsecond, 41 * time.Millisecond, 36, 41},
		{"vote", 70600 * time.Microsecond, 20500 * time.Microsecond, 36, 41},
		{"save an edit", 15300 * time.Microsecond, 4300 * time.Microsecond, 6, 6},
		{"log a case with an attachment", 34600 * time.Microsecond, 19 * time.Millisecond, 6, 6},
		{"save an opinion draft", 8100 * time.Microsecond, 5100 * time.Microsecond, 2, 2},
		{"sign (rapporteur)", 695900 * time.Microsecond, 546100 * time.Microsecond, 2, 2},
		{"countersign (chair)", 593100 * time.Microsecond, 321100 * time.Microsecond, 2, 2},
	}
	if len(lt.ops) != len(want) {
		t.Fatalf("%d operations read, want %d (the table once, without the lines after it): %+v", len(lt.ops), len(want), lt.ops)
	}
	for i, w := range want {
		if lt.ops[i] != w {
			t.Errorf("operation %d is %+v, want %+v", i, lt.ops[i], w)
		}
	}
}

// The halves taken in turn in slices: the header says how many, and the
// reference says so too.
func TestLoadTestInSlicesNamesThem(t *testing.T) {
	out := strings.ReplaceAll(loadTestOutput, "30s per half, 2 cores", "30s per half in 3 slices taken in turn, 2 cores")
	lt, err := parseLoadTest(out)
	if err != nil {
		t.Fatal(err)
	}
	if lt.perHalf != "30s" || lt.slices != "3" || len(lt.ops) != 10 {
		t.Fatalf("read %q a half in %q slices, %d operations", lt.perHalf, lt.slices, len(lt.ops))
	}
	if ref := lt.rows()[1].refName; ref != "file, same load: realistic, 30s a half in 3 slices, in turn" {
		t.Errorf("the search's reference is %q", ref)
	}
}

// Through the server, a register page is judged against 10 ms and a
// search against 1.5 times the file's under the same load; the other
// operations are for information, and every row names the load.
func TestLoadTestRowsCarryTheirTargetsAndTheLoad(t *testing.T) {
	lt, err := parseLoadTest(loadTestOutput)
	if err != nil {
		t.Fatal(err)
	}
	rows := lt.rows()
	if len(rows) != len(lt.ops) {
		t.Fatalf("%d rows for %d operations", len(rows), len(lt.ops))
	}
	verdicts := map[string]string{}
	for _, r := range rows {
		verdicts[r.figure] = r.verdict()
		if r.refName != "file, same load: realistic, 30s a half" {
			t.Errorf("%s: reference %q", r.figure, r.refName)
		}
	}
	for figure, want := range map[string]string{
		"load test, register page, 95th percentile through the server": "pass", // 5.2 ms
		"load test, search, 95th percentile through the server":        "FAIL", // 1.86×
		"load test, vote, 95th percentile through the server":          "info",
	} {
		if verdicts[figure] != want {
			t.Errorf("%s: %q, want %q (all: %v)", figure, verdicts[figure], want, verdicts)
		}
	}
	var b bytes.Buffer
	printTable(&b, config{db: "register.db", runs: 5}, rows, 0)
	for _, want := range []string{"5.20 ms", "0.90 ms (file, same load: realistic, 30s a half)", "≤ 1.5× ref"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the table lacks %q:\n%s", want, b.String())
		}
	}
}

// With the server's step run before it, the load test's search is judged
// against the file's 95th percentile plus the bare HTTPS call's: 19.7 ms
// against 10.6 + 3.0 passes at 1.5×, against 10.6 alone it fails.
func TestLoadTestSearchAddsTheBareCallWhenMeasured(t *testing.T) {
	lt, err := parseLoadTest(loadTestOutput)
	if err != nil {
		t.Fatal(err)
	}
	defer func(old []float64) { bareCallP95 = old }(bareCallP95)
	for _, tc := range []struct {
		bare []float64
		want string
	}{{nil, "FAIL"}, {[]float64{2.9, 3.0, 3.1}, "pass"}, {[]float64{1.0}, "FAIL"}} {
		bareCallP95 = tc.bare
		search := lt.rows()[1]
		if got := search.verdict(); got != tc.want {
			t.Errorf("with the bare call's %v: the search row is %q, want %q (%+v)", tc.bare, got, tc.want, search)
		}
	}
}

func TestLoadTestWithoutItsTableIsNotMeasured(t *testing.T) {
	for _, out := range []string{
		"--- FAIL: TestCommitteeServerUnderLoad (3.10s)\nFAIL\n",
		"operation (p95)                         local       server   ratio   n local  n server\nCPU used while the server half ran\n",
	} {
		if _, err := parseLoadTest(out); err == nil {
			t.Errorf("read a table from %q", out)
		}
	}
	lt := loadTest{mode: "realistic", engine: "sqlite", perHalf: "30s", ops: []loadOp{{name: "vote", local: time.Millisecond, nLocal: 3}}}
	if r := lt.rows()[0]; len(r.samples) != 0 || !strings.HasPrefix(r.note, "not measured") {
		t.Errorf("an operation that never succeeded through the server has a figure: %+v", r)
	}
}

// A server that does not start leaves its rows "not measured" with the
// reason it gave, and the table goes on.
func TestServerThatDoesNotStartIsNotMeasured(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "ethicsdesk")
	script := "#!/bin/sh\necho 'serve: this register has no committee root certificate yet' >&2\nexit 1\n"
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	rows, err := serverColumn(config{bin: bin, db: "register.db", runs: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 {
		t.Fatalf("%d rows, want the register page, four searches and the smallest call", len(rows))
	}
	for _, r := range rows {
		if len(r.samples) != 0 || r.note != "not measured: the committee server did not start: serve: this register has no committee root certificate yet" {
			t.Errorf("%s: %v, note %q", r.figure, r.samples, r.note)
		}
		if r.verdict() != "n/a" {
			t.Errorf("%s: verdict %q", r.figure, r.verdict())
		}
	}
}

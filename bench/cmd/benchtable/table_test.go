package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every target is judged against the reference measured in the same run:
// a figure passes or fails with its reference, and without one it is not
// judged at all (a missing reference must not read as a pass).
func TestVerdictsFollowTheReferenceOfTheSameRun(t *testing.T) {
	for _, c := range []struct {
		name string
		r    row
		want string
	}{
		{"ratio met", row{samples: []float64{10, 12, 11}, ref: []float64{10, 11, 12}, ratio: 1.0}, "pass"},
		{"ratio missed", row{samples: []float64{14, 15, 13}, ref: []float64{10, 11, 12}, ratio: 1.0}, "FAIL"},
		{"ratio below one", row{samples: []float64{3}, ref: []float64{10}, ratio: 0.2}, "FAIL"},
		{"allowance met", row{samples: []float64{190}, ref: []float64{144}, over: 50}, "pass"},
		{"allowance missed", row{samples: []float64{200}, ref: []float64{144}, over: 50}, "FAIL"},
		{"no reference", row{samples: []float64{1}, ratio: 1.0}, "n/a (no reference)"},
		// through the server: 1.5 × (the file's 0.8 ms + a bare call's 0.6 ms) = 2.1 ms
		{"server within the file and a bare call", row{samples: []float64{2.0}, ref: []float64{0.8}, ratio: 1.5,
			allowance: []float64{0.6}, allowanceName: "bare HTTPS call"}, "pass"},
		{"server beyond the file and a bare call", row{samples: []float64{2.2}, ref: []float64{0.8}, ratio: 1.5,
			allowance: []float64{0.6}, allowanceName: "bare HTTPS call"}, "FAIL"},
		{"bare call not measured", row{samples: []float64{1.0}, ref: []float64{0.8}, ratio: 1.5,
			allowanceName: "bare HTTPS call"}, "n/a (no reference)"},
		{"information only", row{samples: []float64{1}}, "info"},
		{"not measured", row{note: "not measured: no display", ratio: 1.3}, "n/a"},
	} {
		if got := c.r.verdict(); got != c.want {
			t.Errorf("%s: verdict %q, want %q", c.name, got, c.want)
		}
	}
}

func TestTableShowsUnmeasuredWindowRowsWithTheirReason(t *testing.T) {
	var b bytes.Buffer
	printTable(&b, config{db: "register.db", runs: 5}, []row{
		{figure: "start-up to the register window, 100k register", unit: "ms", ratio: 1.3, note: "not measured: no X display accepted connections (Xvfb)"},
		{figure: "statistics for one year", unit: "ms", samples: []float64{90}, ref: []float64{100}, refName: "sqlite3, plain SQL", ratio: 1.0},
		{figure: "server search \"盾牌\", median (loopback)", unit: "ms", samples: []float64{1.9}, ref: []float64{0.8}, refName: "file, same pace",
			ratio: 1.5, allowance: []float64{0.6}, allowanceName: "bare HTTPS call"},
	}, 0)
	out := b.String()
	for _, want := range []string{"not measured: no X display", "≤ 1.3× ref", "0.90×", "pass",
		"≤ 1.5× (ref + bare HTTPS call)", "0.80 ms (file, same pace) + 0.60 ms (bare HTTPS call)", "2.37×"} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks %q:\n%s", want, out)
		}
	}
}

// pdfsig is only a reference when it finds every signature valid: a file
// it finds one signature short of gives no reference, never a time.
func TestPdfsigCountsAsAReferenceOnlyWhenEverySignatureIsValid(t *testing.T) {
	dir := t.TempDir()
	script := "#!/bin/sh\necho 'Signature #1:'\necho '  - Signature Validation: Signature is Valid.'\n"
	if err := os.WriteFile(filepath.Join(dir, "pdfsig"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	times, err := pdfsigTimes(filepath.Join(dir, "opinion-1sig.pdf"), 1, 3)
	if err != nil || len(times) != 3 {
		t.Fatalf("one valid signature of one: %v, %v", times, err)
	}
	if times, err := pdfsigTimes(filepath.Join(dir, "opinion-2sig.pdf"), 2, 3); err == nil || times != nil {
		t.Fatalf("one valid signature of two gave %v", times)
	} else if err.Error() != "pdfsig did not find 2 valid signatures in opinion-2sig.pdf" {
		t.Fatalf("the reason is %q", err)
	}
}

// Measures set against each other run in turn, one round after another,
// and each keeps its own runs.
func TestMeasuresRunInTurnRoundByRound(t *testing.T) {
	var order []string
	measure := func(name string) func(config) (benchResult, error) {
		return func(c config) (benchResult, error) {
			if c.runs != 1 {
				t.Errorf("%s measured %d runs at once, want one a round", name, c.runs)
			}
			order = append(order, name)
			return benchResult{"Benchmark" + name: {{"median-ms": float64(len(order))}}}, nil
		}
	}
	res, err := inTurn(config{runs: 3}, measure("App"), measure("Reference"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(order, " "); got != "App Reference App Reference App Reference" {
		t.Errorf("run in the order %s", got)
	}
	if got := res[0].metric("BenchmarkApp", "median-ms"); len(got) != 3 || got[0] != 1 || got[2] != 5 {
		t.Errorf("the app's runs are %v, want 1 3 5", got)
	}
	if got := res[1].metric("BenchmarkReference", "median-ms"); len(got) != 3 || got[1] != 4 {
		t.Errorf("the reference's runs are %v, want 2 4 6", got)
	}
}

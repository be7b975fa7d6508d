package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// pdfsigReference verifies the two-signature opinion the Go benchmark left
// behind with poppler's pdfsig, a whole process per run as a user would.
func pdfsigReference(c config) ([]row, error) {
	r := row{figure: "verify two-signature opinion", unit: "ms",
		samples: goResults.metric("BenchmarkVerifyTwoSignatures", "median-ms"), refName: "pdfsig", limit: 20}
	file := filepath.Join(c.work, "opinion-2sig.pdf")
	if _, err := exec.LookPath("pdfsig"); err != nil {
		r.note = "pdfsig not installed"
		return []row{r}, nil
	}
	for i := 0; i < c.runs; i++ {
		start := time.Now()
		out, err := exec.Command("pdfsig", file).CombinedOutput()
		if err != nil || strings.Count(string(out), "Signature is Valid") != 2 {
			r.note = "pdfsig did not find two valid signatures"
			return []row{r}, nil
		}
		r.ref = append(r.ref, float64(time.Since(start).Microseconds())/1000)
	}
	return []row{r}, nil
}

// keystroke runs the opinion editor's benchmark in ui/ when it exists.
func keystroke(c config) ([]row, error) {
	r := row{figure: "keystroke, editor holding 20,000 characters", unit: "ms", limit: 30}
	list, _ := exec.Command("go", "test", "-tags", tags, "-list", "BenchmarkOpinionEditorKeystroke", "./ui/").Output()
	if !strings.Contains(string(list), "BenchmarkOpinionEditorKeystroke") {
		r.note = "not available"
		return []row{r}, nil
	}
	res, err := goBench(c, "./ui/", "OpinionEditorKeystroke", "1s")
	if err != nil {
		r.note = "not available (the benchmark failed)"
		return []row{r}, nil
	}
	for name := range res {
		if strings.HasPrefix(name, "BenchmarkOpinionEditorKeystroke") {
			r.samples = append(r.samples, res.metric(name, "median-ms")...)
		}
	}
	return []row{r}, nil
}

// fileSize is the register file and its write-ahead log after a checkpoint.
func fileSize(c config) ([]row, error) {
	if out, err := exec.Command("sqlite3", c.db, "PRAGMA wal_checkpoint(TRUNCATE);").CombinedOutput(); err != nil {
		return nil, &exec.ExitError{Stderr: out}
	}
	var total int64
	for _, f := range []string{c.db, c.db + "-wal"} {
		if st, err := os.Stat(f); err == nil {
			total += st.Size()
		}
	}
	return []row{{figure: "database file size (100k cases, 500k notes)", unit: "MB",
		samples: []float64{float64(total) / 1e6}, limit: 600}}, nil
}

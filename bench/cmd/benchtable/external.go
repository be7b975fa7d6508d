package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// pdfsigReference verifies the two-signature opinion the Go benchmark left
// behind with poppler's pdfsig, a whole process per run as a user would.
func pdfsigReference(c config) ([]row, error) {
	verify := row{figure: "verify two-signature opinion", unit: "ms",
		samples: goResults.metric("BenchmarkVerifyTwoSignatures", "median-ms"), refName: "pdfsig", ratio: 0.2}
	sign := row{figure: "render and sign 10-page bilingual opinion", unit: "ms",
		samples: goResults.metric("BenchmarkRenderAndSign", "median-ms"), refName: "pdfsig", ratio: 1.0}
	unlock := row{figure: "  same, with unlocking the key (argon2id)", unit: "ms",
		samples: goResults.metric("BenchmarkRenderUnlockAndSign", "median-ms")}
	rows := []row{verify, sign, unlock}
	if _, err := exec.LookPath("pdfsig"); err != nil {
		rows[0].note, rows[1].note = "pdfsig not installed", "pdfsig not installed"
		return rows, nil
	}
	// Each reference is pdfsig verifying the row's own result, a whole
	// process per run as a user would run it.
	for i, f := range []struct {
		file string
		sigs int
	}{{"opinion-2sig.pdf", 2}, {"opinion-1sig.pdf", 1}} {
		for run := 0; run < c.runs; run++ {
			start := time.Now()
			out, err := exec.Command("pdfsig", filepath.Join(c.work, f.file)).CombinedOutput()
			if err != nil || strings.Count(string(out), "Signature is Valid") != f.sigs {
				rows[i].note, rows[i].ref = fmt.Sprintf("pdfsig did not find %d valid signatures in %s", f.sigs, f.file), nil
				break
			}
			rows[i].ref = append(rows[i].ref, float64(time.Since(start).Microseconds())/1000)
		}
	}
	return rows, nil
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

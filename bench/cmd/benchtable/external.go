package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// pdfsigReference times rendering and signing an opinion and verifying a
// two-signature one, each beside poppler's pdfsig verifying the very file
// it produced (a whole process per run, as a user would run it), round by
// round: each of the c.runs rounds runs the two Go benchmarks once and
// then pdfsig three times on each file, the round's reference being the
// median of its three. Measured in steps minutes apart, as they once
// were, pdfsig took 13 ms in one run and 22 ms in another while the app's
// verify stayed within 2.8–3.5 ms: in the same round both see the same
// machine.
func pdfsigReference(c config) ([]row, error) {
	verify := row{figure: "verify two-signature opinion", unit: "ms", refName: "pdfsig", ratio: 0.2}
	sign := row{figure: "render and sign 10-page bilingual opinion", unit: "ms", refName: "pdfsig", ratio: 1.0}
	unlock := row{figure: "  same, with unlocking the key (argon2id)", unit: "ms",
		samples: goResults.metric("BenchmarkRenderUnlockAndSign", "median-ms")}
	rows := []row{verify, sign, unlock}
	_, missing := exec.LookPath("pdfsig")
	if missing != nil {
		rows[0].note, rows[1].note = "pdfsig not installed", "pdfsig not installed"
	}
	files := []struct {
		name string
		sigs int
	}{{"opinion-2sig.pdf", 2}, {"opinion-1sig.pdf", 1}}
	round := c
	round.runs = 1
	for range c.runs {
		res, err := goBench(round, "./bench/", "^(BenchmarkRenderAndSign|BenchmarkVerifyTwoSignatures)$", "30x")
		if err != nil {
			return nil, err
		}
		rows[0].samples = append(rows[0].samples, res.metric("BenchmarkVerifyTwoSignatures", "median-ms")...)
		rows[1].samples = append(rows[1].samples, res.metric("BenchmarkRenderAndSign", "median-ms")...)
		for i, f := range files {
			if rows[i].note != "" {
				continue
			}
			if t, err := pdfsigTimes(filepath.Join(c.work, f.name), f.sigs, 3); err != nil {
				rows[i].note, rows[i].ref = err.Error(), nil
			} else {
				rows[i].ref = append(rows[i].ref, median(t))
			}
		}
	}
	return rows, nil
}

// pdfsigTimes runs pdfsig on file n times, in milliseconds, checking
// each time that it finds sigs valid signatures.
func pdfsigTimes(file string, sigs, n int) ([]float64, error) {
	var times []float64
	for range n {
		start := time.Now()
		out, err := exec.Command("pdfsig", file).CombinedOutput()
		if err != nil || strings.Count(string(out), "Signature is Valid") != sigs {
			return nil, fmt.Errorf("pdfsig did not find %d valid signatures in %s", sigs, filepath.Base(file))
		}
		times = append(times, float64(time.Since(start).Microseconds())/1000)
	}
	return times, nil
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

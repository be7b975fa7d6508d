package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"ethicsdesk/app"
	"ethicsdesk/demo"
)

// seededFile is a small demo register on disk for the commands.
func seededFile(t *testing.T) string {
	t.Helper()
	end := time.Date(2026, 11, 24, 12, 0, 0, 0, time.Local)
	db, path := seededRegister(t, demo.SeedOptions{Cases: 600, Notes: 600, Seed: 2, End: end})
	db.Close()
	t.Setenv(app.PasswordEnv, demo.DemoPassword)
	return path
}

func TestSearchCommandPrintsBestFirst(t *testing.T) {
	path := seededFile(t)
	var out, errb bytes.Buffer
	if code := run([]string{"search", "--db", path, "--user", "secretary", "--limit", "10", "同意"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 10 {
		t.Fatalf("%d lines:\n%s", len(lines), out.String())
	}
	prev := 1e9
	for _, l := range lines {
		f := strings.Split(l, "\t")
		if len(f) != 3 || !strings.HasPrefix(f[0], "EC-") || f[1] == "" {
			t.Fatalf("line %q is not reference, title, score", l)
		}
		score, err := strconv.ParseFloat(f[2], 64)
		if err != nil || score > prev {
			t.Fatalf("scores not best first at %q", l)
		}
		prev = score
	}
	// A hostile query is no error.
	out.Reset()
	if code := run([]string{"search", "--db", path, "--user", "secretary", `"NEAR(`, "-*"}, &out, &errb); code != 0 {
		t.Fatalf("hostile query: exit %d: %s", code, errb.String())
	}
}

func TestExportAndReportCommandsWriteTheirFiles(t *testing.T) {
	path := seededFile(t)
	dir := t.TempDir()
	for _, c := range []struct {
		args  []string
		file  string
		magic string
	}{
		{[]string{"export", "--format", "csv"}, "r.csv", "\ufeffReference,"},
		{[]string{"export", "--format", "xlsx"}, "r.xlsx", "PK"},
		{[]string{"export", "--format", "ics"}, "r.ics", "BEGIN:VCALENDAR\r\n"},
		{[]string{"report", "--year", "2025"}, "r.pdf", "%PDF-"},
	} {
		out := filepath.Join(dir, c.file)
		var stdout, stderr bytes.Buffer
		args := append(c.args, "--db", path, "--user", "secretary", "--out", out)
		if code := run(args, &stdout, &stderr); code != 0 {
			t.Fatalf("%v: exit %d: %s", c.args, code, stderr.String())
		}
		b, err := os.ReadFile(out)
		if err != nil || !strings.HasPrefix(string(b), c.magic) {
			t.Fatalf("%v: file starts %q, %v", c.args, string(b[:min(len(b), 20)]), err)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"export", "--db", path, "--user", "secretary", "--format", "pdf", "--out", filepath.Join(dir, "x")}, &stdout, &stderr); code != 2 ||
		!strings.Contains(stderr.String(), "choose csv, xlsx or ics") {
		t.Fatalf("unknown format: exit %d, %q", code, stderr.String())
	}
}

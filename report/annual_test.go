package report_test

import (
	"context"
	"database/sql"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/demo"
	"ethicsdesk/opinion"
	"ethicsdesk/report"
	"ethicsdesk/store"
)

var secretary = cases.User{ID: 1, Username: "sec", DisplayName: "Li Na", Role: cases.RoleSecretariat, Active: true}

func TestAnnualReportFiguresMatchPlainSQL(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is not installed: run scripts/install-deps.sh (poppler-utils)")
	}
	path := filepath.Join(t.TempDir(), "seeded.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	end := time.Date(2026, 11, 24, 12, 0, 0, 0, time.Local)
	ctx := context.Background()
	if err := demo.Seed(ctx, db, demo.SeedOptions{Cases: 1500, Notes: 1500, Seed: 3, End: end}); err != nil {
		t.Fatal(err)
	}
	svc := cases.NewService(db, func() time.Time { return end })
	var steps []int
	pdf, err := report.Annual(ctx, svc, secretary, 2025, opinion.Letterhead{Name: "Test Ethics Committee", Address: "Shenzhen"},
		func(done, total int) { steps = append(steps, done) })
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) == 0 || steps[len(steps)-1] != 10 {
		t.Fatalf("progress %v does not reach the end", steps)
	}
	pdfPath := filepath.Join(t.TempDir(), "ar.pdf")
	os.WriteFile(pdfPath, pdf, 0o644)
	out, err := exec.Command("pdftotext", "-layout", pdfPath, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)

	raw, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	count := func(q string) int {
		var n int
		if err := raw.QueryRow(q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	received := count("SELECT count(*) FROM cases WHERE received_on BETWEEN '2025-01-01' AND '2025-12-31'")
	decided := count(`SELECT count(*) FROM (SELECT date(MIN(at), 'localtime') AS day FROM status_changes
		WHERE to_status IN ('opinion_issued', 'inadmissible', 'withdrawn') GROUP BY case_id) WHERE day BETWEEN '2025-01-01' AND '2025-12-31'`)
	issued := count(`SELECT count(*) FROM (SELECT date(MIN(at), 'localtime') AS day FROM status_changes
		WHERE to_status = 'opinion_issued' GROUP BY case_id) WHERE day BETWEEN '2025-01-01' AND '2025-12-31'`)
	highRisk := count("SELECT count(*) FROM cases WHERE received_on BETWEEN '2025-01-01' AND '2025-12-31' AND risk = 'high'")

	figure := func(label string) int {
		m := regexp.MustCompile(regexp.QuoteMeta(label) + `\s+(\d+)`).FindStringSubmatch(text)
		if m == nil {
			t.Fatalf("%q not in the report", label)
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}
	if got := figure("Cases received"); got != received || received == 0 {
		t.Fatalf("report says %d received, SQL %d", got, received)
	}
	if got := figure("Cases decided"); got != decided {
		t.Fatalf("report says %d decided, SQL %d", got, decided)
	}
	if got := figure("High"); got != highRisk {
		t.Fatalf("report says %d high-risk, SQL %d", got, highRisk)
	}
	// Every issued opinion is listed: one line per EC- reference in the list section.
	list := text[strings.Index(text, "Opinions issued"):]
	if got := len(regexp.MustCompile(`EC-\d{4}-\d{4}`).FindAllString(list, -1)); got != issued || issued == 0 {
		t.Fatalf("report lists %d opinions, SQL %d", got, issued)
	}
	if !strings.Contains(text, "Test Ethics Committee") {
		t.Fatal("letterhead missing")
	}
}

func TestAnnualReportStopsWhenCancelled(t *testing.T) {
	db, err := store.Open(filepath.Join(t.TempDir(), "r.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := report.Annual(ctx, cases.NewService(db, nil), secretary, 2025, opinion.Letterhead{}, nil); err == nil {
		t.Fatal("a cancelled report was still produced")
	}
}

func TestBarChartIsAPNG(t *testing.T) {
	png, err := report.BarChartPNG(cases.StatTable{Title: "Risk", Rows: []cases.StatCount{{Code: "low", Label: "Low", Received: 3, Decided: 1}}}, [2]string{"Received", "Decided"})
	if err != nil || len(png) < 8 || string(png[1:4]) != "PNG" {
		t.Fatalf("chart: %v", err)
	}
}

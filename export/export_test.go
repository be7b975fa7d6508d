package export_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/xuri/excelize/v2"

	"ethicsdesk/cases"
	"ethicsdesk/demo"
	"ethicsdesk/export"
	"ethicsdesk/store"
)

var (
	secretary = cases.User{ID: 1, Username: "sec", DisplayName: "Li Na", Role: cases.RoleSecretariat, Active: true}
	member    = cases.User{ID: 99, Username: "m", DisplayName: "Member", Role: cases.RoleMember, Active: true}
)

type fixture struct {
	db  *store.DB
	svc *cases.Service
	raw *sql.DB
}

func seeded(t *testing.T) fixture {
	t.Helper()
	path := filepath.Join(t.TempDir(), "seeded.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	end := time.Date(2026, 11, 24, 12, 0, 0, 0, time.Local)
	if err := demo.Seed(context.Background(), db, demo.SeedOptions{Cases: 1200, Notes: 0, Seed: 11, End: end}); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return fixture{db, cases.NewService(db, func() time.Time { return end }), raw}
}

func (f fixture) count(t *testing.T, q string) int {
	t.Helper()
	var n int
	if err := f.raw.QueryRow(q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// checkRows compares every exported row with its case, column by column.
func checkRows(t *testing.T, f fixture, rows [][]string, personal bool) {
	t.Helper()
	want := f.count(t, "SELECT count(*) FROM cases")
	if len(rows) != want+1 {
		t.Fatalf("%d rows exported, the register has %d cases", len(rows)-1, want)
	}
	header := rows[0]
	if hasPersonal := strings.Contains(strings.Join(header, ","), "Submitter name"); hasPersonal != personal {
		t.Fatalf("personal columns present = %v, asked %v: %v", hasPersonal, personal, header)
	}
	ctx := context.Background()
	for _, r := range rows[1:] {
		id, err := f.db.CaseIDByReference(ctx, r[0])
		if err != nil {
			t.Fatalf("exported reference %q: %v", r[0], err)
		}
		c, err := f.db.GetCase(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for i, col := range export.Columns {
			if col.Personal && !personal {
				continue
			}
			got, want := r[i], col.Value(c)
			if got != want && got != "'"+want { // a formula-looking cell is defused with a leading '
				t.Fatalf("%s %s: exported %q, case has %q", c.Reference, col.Header, got, want)
			}
		}
	}
}

func TestCSVRoundTripAndPersonalData(t *testing.T) {
	f := seeded(t)
	ctx := context.Background()
	for _, personal := range []bool{false, true} {
		var buf bytes.Buffer
		if _, err := export.WriteCSV(ctx, &buf, f.svc, secretary, export.Options{IncludePersonal: personal}); err != nil {
			t.Fatal(err)
		}
		body := strings.TrimPrefix(buf.String(), "\ufeff")
		rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		checkRows(t, f, rows, personal)
		name := ""
		// A name that is only ever a submitter's (an organisation may also be
		// another case's respondent, which is not personal data).
		f.raw.QueryRow(`SELECT submitter_name FROM cases WHERE submitter_name <> ''
			AND submitter_name NOT IN (SELECT respondent FROM cases) AND submitter_name NOT IN (SELECT ai_system FROM cases)
			ORDER BY id LIMIT 1`).Scan(&name)
		if name == "" || strings.Contains(body, name) != personal {
			t.Fatalf("submitter name %q in export = %v, personal data asked = %v", name, strings.Contains(body, name), personal)
		}
	}
	if n := f.count(t, "SELECT count(*) FROM audit_log WHERE action = 'register.export'"); n != 2 {
		t.Fatalf("%d exports in the audit log, want 2", n)
	}
	if n := f.count(t, `SELECT count(*) FROM audit_log WHERE action = 'register.export' AND json_extract(after, '$.personal_data') = 1`); n != 1 {
		t.Fatalf("%d exports with personal data in the audit log, want 1", n)
	}
	var fe *cases.ForbiddenError
	if _, err := export.WriteCSV(ctx, &bytes.Buffer{}, f.svc, member, export.Options{IncludePersonal: true}); !errors.As(err, &fe) {
		t.Fatalf("a member exported personal data: %v", err)
	}
}

func TestCSVFollowsTheFilterAndHidesConfidentialCases(t *testing.T) {
	f := seeded(t)
	ctx := context.Background()
	// A demo member declares no conflict for three open 2025 cases: their
	// export holds the cases they declared for, and no confidential case
	// whose panel they are not on, nor an open case they have not declared for.
	users, err := f.db.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var m cases.User
	for _, u := range users {
		if u.Role == cases.RoleMember && u.Active && m.ID == 0 {
			m = u
		}
	}
	rows, err := f.raw.Query(`SELECT id FROM cases c WHERE received_year = 2025 AND confidential = 0
		AND NOT EXISTS (SELECT 1 FROM case_panel p WHERE p.case_id = c.id AND p.user_id = ?1) LIMIT 3`, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		if err := f.svc.DeclareInterest(ctx, m, id, false, ""); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	n, err := export.WriteCSV(ctx, &buf, f.svc, m, export.Options{Filter: cases.Query{Year: 2025}})
	if err != nil {
		t.Fatal(err)
	}
	want := f.count(t, fmt.Sprintf(`SELECT count(*) FROM cases c WHERE received_year = 2025
		AND EXISTS (SELECT 1 FROM case_panel p WHERE p.case_id = c.id AND p.user_id = %d AND p.conflict = 'none')`, m.ID))
	open := f.count(t, "SELECT count(*) FROM cases WHERE received_year = 2025 AND confidential = 0")
	if n != want || len(ids) != 3 || want < 3 || want >= open {
		t.Fatalf("member's 2025 export has %d cases, declared for %d, open %d", n, want, open)
	}
}

func TestXLSXHasTheSameRows(t *testing.T) {
	f := seeded(t)
	var buf bytes.Buffer
	var progress []int
	if _, err := export.WriteXLSX(context.Background(), &buf, f.svc, secretary, export.Options{
		Progress: func(done, total int) { progress = append(progress, done) }}); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows("Register")
	if err != nil {
		t.Fatal(err)
	}
	// GetRows drops trailing empty cells; pad to the header's width.
	for i := range rows {
		for len(rows[i]) < len(rows[0]) {
			rows[i] = append(rows[i], "")
		}
	}
	checkRows(t, f, rows, false)
	if len(progress) == 0 || progress[len(progress)-1] != len(rows)-1 {
		t.Fatalf("progress %v does not reach %d", progress, len(rows)-1)
	}
}

func TestICSParsesWithDeadlinesAndMeetings(t *testing.T) {
	f := seeded(t)
	ctx := context.Background()
	if _, err := f.svc.CreateMeeting(ctx, secretary, cases.MustDate("2026-12-03"), "December plenary"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := export.WriteICS(ctx, &buf, f.svc, secretary, export.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSuffix(buf.String(), "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Fatalf("line longer than 75 octets (RFC 5545 folding): %q", line)
		}
	}
	cal, err := ics.ParseCalendar(&buf)
	if err != nil {
		t.Fatal(err)
	}
	deadlines := f.count(t, "SELECT count(*) FROM cases WHERE due_on <> ''")
	events := cal.Events()
	if len(events) != deadlines+1 || deadlines == 0 {
		t.Fatalf("%d events, want %d deadlines and 1 meeting", len(events), deadlines)
	}
	found := false
	for _, e := range events {
		start, err := e.GetAllDayStartAt()
		if err != nil {
			t.Fatalf("event %s: %v", e.Id(), err)
		}
		if e.GetProperty(ics.ComponentPropertySummary).Value == "December plenary" {
			found = start.Format("2006-01-02") == "2026-12-03"
		}
	}
	if !found {
		t.Fatal("the meeting is not in the calendar on its day")
	}
}

func TestExportStopsWhenCancelled(t *testing.T) {
	f := seeded(t)
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	_, err := export.WriteCSV(ctx, &bytes.Buffer{}, f.svc, secretary, export.Options{Progress: func(done, total int) {
		n = done
		cancel()
	}})
	if !errors.Is(err, context.Canceled) || n >= 1200 {
		t.Fatalf("cancelled export: %v after %d rows", err, n)
	}
}

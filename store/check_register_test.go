package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ethicsdesk/store"
)

// mentions says whether one of problems contains every one of want.
func mentions(problems []string, want ...string) bool {
	for _, p := range problems {
		all := true
		for _, w := range want {
			all = all && strings.Contains(p, w)
		}
		if all {
			return true
		}
	}
	return false
}

// check names each case row an SQLite tool left inconsistent: a reference
// not of the register's form, a number above the year's counter (which
// would be handed out again), an unknown status, a sort position that
// does not match the status, dates that are not dates, and a note whose
// case is gone. The cases left alone are not named.
func TestCheckNamesEachInconsistentCaseRow(t *testing.T) {
	ctx := context.Background()
	db, path := registerWithCases(t, 8)
	if _, err := newService(db).AddNote(ctx, secretary, 7, "A note on the seventh case.", false); err != nil {
		t.Fatal(err)
	}
	if problems, err := db.Check(ctx); err != nil || len(problems) != 0 {
		t.Fatalf("the register before the changes: %q %v", problems, err)
	}
	rawSQLite(t, path, "PRAGMA foreign_keys = OFF",
		"UPDATE cases SET reference = 'CASE-1' WHERE id = 1",
		"UPDATE cases SET reference = 'EC-2026-0099' WHERE id = 2",
		"PRAGMA ignore_check_constraints = ON",
		"UPDATE cases SET status = 'lost' WHERE id = 3",
		"UPDATE cases SET status_rank = status_rank + 1 WHERE id = 4",
		"UPDATE cases SET received_on = 'yesterday' WHERE id = 5",
		"UPDATE cases SET due_on = '31/12/2026' WHERE id = 6",
		"UPDATE cases SET received_on = '' WHERE id = 8",
		"UPDATE notes SET case_id = 999")
	problems, err := db.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range [][]string{
		{`case "CASE-1": the reference is not of the form EC-YYYY-NNNN`},
		{"case EC-2026-0099: its number is above the counter for 2026 (8), so it could be handed out twice"},
		{`case EC-2026-0003: unknown status "lost"`},
		{"case EC-2026-0004: its sort position does not match its status"},
		{`case EC-2026-0005: the received date "yesterday" is not a date`},
		{`case EC-2026-0006: the due date "31/12/2026" is not a date`},
		{`case EC-2026-0008: the received date "" is not a date`},
		{"a row of notes", "refers to a missing row of cases"},
	} {
		if !mentions(problems, want...) {
			t.Errorf("check does not say %q:\n%s", want, strings.Join(problems, "\n"))
		}
	}
	if mentions(problems, "EC-2026-0007") {
		t.Errorf("check names the seventh case, whose row was left alone:\n%s", strings.Join(problems, "\n"))
	}
}

// A sound register's check counts the chain's entries and gives its head:
// `ethicsdesk check` prints both ("audit chain of N entries intact (head
// H)"), and the head is the one printed on opinions.
func TestCheckCountsTheChainAndGivesItsHead(t *testing.T) {
	ctx := context.Background()
	db, _ := registerWithCases(t, 3)
	seq, head, err := db.AuditHead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	problems, sum, err := db.CheckWithSummary(ctx)
	if err != nil || len(problems) != 0 {
		t.Fatalf("a sound register: %q, %v", problems, err)
	}
	if sum.Entries != seq || seq != 3 || sum.Head != head {
		t.Fatalf("check counted %d entries with head %s; the log holds %d ending %s", sum.Entries, sum.Head, seq, head)
	}
}

// An audit entry rewritten with an SQLite tool is named with its number,
// and the rows are not compared with a chain that is broken.
func TestCheckNamesARewrittenAuditEntry(t *testing.T) {
	ctx := context.Background()
	db, path := registerWithCases(t, 3)
	rawSQLite(t, path, "DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET actor = 'Someone else' WHERE seq = 2")
	problems, sum, err := db.CheckWithSummary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !mentions(problems, "audit log: ", "(entry 2)") || sum.Rows != 0 {
		t.Fatalf("a rewritten entry: %q, %d rows compared", problems, sum.Rows)
	}
	// The chain's own verification (what the server and the window's
	// register health ask) names the same entry.
	if bad, problem, err := db.VerifyAuditChain(ctx); err != nil || bad != 2 || problem == "" {
		t.Fatalf("VerifyAuditChain on the rewritten log: entry %d, %q, %v", bad, problem, err)
	}
}

// A register with a damaged index page opens, and check names what
// SQLite's integrity check found.
func TestCheckReportsSQLitesIntegrityCheck(t *testing.T) {
	ctx := context.Background()
	db, _ := registerWithCases(t, 3)
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if _, err := db.Backup(ctx, copyPath); err != nil {
		t.Fatal(err)
	}
	var root int
	if err := rawDB(t, copyPath).QueryRow("SELECT rootpage FROM sqlite_master WHERE name = 'cases_title'").Scan(&root); err != nil {
		t.Fatal(err)
	}
	b := readAll(t, copyPath)
	copy(b[(root-1)*8192:], strings.Repeat("\xff", 64))
	if err := os.WriteFile(copyPath, b, 0o600); err != nil {
		t.Fatal(err)
	}
	damaged, err := store.Open(copyPath, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer damaged.Close()
	problems, err := damaged.Check(ctx)
	if err != nil || !mentions(problems, "SQLite integrity check: ") {
		t.Fatalf("a damaged index: %q %v", problems, err)
	}
}

package store_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/store"
)

// An import leaves one audit entry per case and one for the batch, which
// says how many cases it brought in unless the caller said otherwise.
func TestAnImportIsAuditedPerCaseAndAsABatch(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	batch := func(titles ...string) []cases.ImportedCase {
		var out []cases.ImportedCase
		for _, title := range titles {
			d := draft()
			d.Title = title
			out = append(out, cases.ImportedCase{Case: cases.Case{Draft: d, Status: cases.Received, CreatedAt: now, CreatedBy: "import", UpdatedAt: now, UpdatedBy: "import"}})
		}
		return out
	}
	for _, c := range []struct {
		after any // nil: the batch's entry says how many cases
		want  string
	}{{nil, `{"cases":2}`}, {map[string]any{"file": "old-register.xlsx"}, `{"file":"old-register.xlsx"}`}} {
		db, _ := openTemp(t)
		seq, _, _ := db.AuditHead(ctx)
		if err := db.ImportCases(ctx, batch("Chatbot advice", "Loan scoring"), cases.AuditEntry{Actor: secretary, Action: "cases.import", Entity: "register", After: c.after}); err != nil {
			t.Fatal(err)
		}
		perCase, _, err := db.AuditQuery(ctx, cases.AuditFilter{Action: "case.import", Limit: 10})
		if err != nil || len(perCase) != 2 {
			t.Fatalf("the cases' own entries: %+v %v", perCase, err)
		}
		whole, _, err := db.AuditQuery(ctx, cases.AuditFilter{Action: "cases.import", Limit: 10})
		if after, _, _ := db.AuditHead(ctx); err != nil || len(whole) != 1 || after != seq+3 || whole[0].After != c.want {
			t.Fatalf("the batch's entry (%d entries in all): %+v %v; want after %s", after-seq, whole, err, c.want)
		}
	}
}

// A letterhead that cannot be read is an error, not the default
// committee's name quietly printed on an opinion.
func TestALetterheadThatCannotBeReadIsAnError(t *testing.T) {
	ctx := context.Background()
	db, path := openTemp(t)
	if name, _, err := db.CommitteeLetterhead(ctx); err != nil || name != store.DefaultCommitteeName {
		t.Fatalf("the default letterhead: %q %v", name, err)
	}
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec("ALTER TABLE settings RENAME TO settings_elsewhere"); err != nil {
		t.Fatal(err)
	}
	if name, _, err := db.CommitteeLetterhead(ctx); err == nil || !strings.Contains(err.Error(), "settings") {
		t.Fatalf("an unreadable letterhead: %q %v", name, err)
	}
}

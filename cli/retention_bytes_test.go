package cli

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"ethicsdesk/cases"
	"ethicsdesk/demo"
	"ethicsdesk/store"
)

// TestRetentionLeavesNoRemovedDetailInTheFileOrItsJournal applies the
// retention period while another program has the register open (a second
// window and an sqlite3 shell), then reads the raw bytes of the file and
// its -wal journal: none of the removed names or contacts may remain.
func TestRetentionLeavesNoRemovedDetailInTheFileOrItsJournal(t *testing.T) {
	ctx := context.Background()
	_, path, svc, admin := registerPastRetention(t)
	due, err := svc.RetentionDue(ctx, admin)
	if err != nil || len(due.Cases) == 0 {
		t.Fatalf("nothing due: %v", err)
	}

	other, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	shell, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer shell.Close()
	var removed []string
	for _, c := range due.Cases {
		var name, contact string
		if err := shell.QueryRow("SELECT submitter_name, submitter_contact FROM cases WHERE id = ?1", c.ID).Scan(&name, &contact); err != nil {
			t.Fatal(err)
		}
		removed = append(removed, name, contact)
	}
	// Also touch them from the other window, so its connections have read
	// the pages holding them.
	if _, err := other.GetCase(ctx, due.Cases[0].ID); err != nil {
		t.Fatal(err)
	}

	n, err := svc.ApplyRetention(ctx, admin)
	if err != nil || n != len(due.Cases) {
		t.Fatalf("retention: %d of %d, %v", n, len(due.Cases), err)
	}
	// A name can be shared by a case that keeps it; only those no case has
	// any more must be gone.
	var gone []string
	for _, s := range removed {
		if len(s) < 4 {
			continue
		}
		var still int
		if err := shell.QueryRow("SELECT count(*) FROM cases WHERE submitter_name = ?1 OR submitter_contact = ?1", s).Scan(&still); err != nil {
			t.Fatal(err)
		}
		if still == 0 {
			gone = append(gone, s)
		}
	}
	if len(gone) < 20 {
		t.Fatalf("only %d distinct removed details to look for", len(gone))
	}
	for _, file := range []string{path, path + "-wal"} {
		raw, err := os.ReadFile(file)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		found := 0
		for _, s := range gone {
			if bytes.Contains(raw, []byte(s)) {
				if found < 5 {
					t.Errorf("%s still holds the removed %q", file, s)
				}
				found++
			}
		}
		if found > 0 {
			t.Errorf("%s: %d of %d removed names and contacts are still readable", file, found, len(gone))
		}
	}
}

// registerPastRetention is a seeded register whose retention period is one
// year, so that some of its closed cases are past it, with the service and
// the signed-in administrator.
func registerPastRetention(t *testing.T) (*store.DB, string, *cases.Service, cases.User) {
	t.Helper()
	ctx := context.Background()
	db, path := seededRegister(t, demo.SeedOptions{Cases: 600, Notes: 100, Seed: 4, End: time.Now()})
	svc := cases.NewService(db, nil)
	admin, err := svc.Login(ctx, "admin", demo.DemoPassword)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := svc.Settings(ctx)
	st.RetentionYears = 1
	if err := svc.SaveSettings(ctx, admin, st); err != nil {
		t.Fatal(err)
	}
	return db, path, svc, admin
}

package cli

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"ethicsdesk/cases"
	"ethicsdesk/internal/passwordcost"
	"ethicsdesk/store"
)

// TestCheckNamesATamperedAuditEntry: the triggers refuse UPDATE and DELETE
// on the audit log; an attacker with the file who drops them and rewrites
// an entry is caught by `ethicsdesk check`, which names the entry.
func TestCheckNamesATamperedAuditEntry(t *testing.T) {
	passwordcost.Cheap()
	path := filepath.Join(t.TempDir(), "register.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	svc := cases.NewService(db, nil)
	admin, err := svc.Bootstrap(ctx, "admin", "Admin", "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	sec, err := svc.CreateUser(ctx, admin, cases.NewAccount{Username: "sec", Role: cases.RoleSecretariat, Password: "correct horse battery"})
	if err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{"First case", "Second case", "Third case"} {
		d := cases.Draft{TypeCode: "guidance_request", Title: title, Summary: "A question.", ReceivedOn: cases.MustDate("2026-03-02"),
			Channel: cases.ChannelEmail, Submitter: cases.Submitter{Kind: cases.SubmitterAnonymous}, Sector: "finance",
			Risk: cases.RiskLow, Priority: cases.PriorityNormal}
		if _, err := svc.CreateCase(ctx, sec, d); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	var out, errOut bytes.Buffer
	if code := run([]string{"check", "--db", path}, &out, &errOut); code != 0 {
		t.Fatalf("check of an untouched register failed: %s", errOut.String())
	}

	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec("UPDATE audit_log SET actor = 'Someone else' WHERE seq = 3"); err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Fatalf("UPDATE on the audit log: %v", err)
	}
	if _, err := raw.Exec("DELETE FROM audit_log WHERE seq = 3"); err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Fatalf("DELETE on the audit log: %v", err)
	}
	for _, q := range []string{"DROP TRIGGER audit_log_no_update",
		`UPDATE audit_log SET after = replace(after, 'Second case', 'Another case') WHERE seq = 4`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()

	out.Reset()
	errOut.Reset()
	if code := run([]string{"check", "--db", path}, &out, &errOut); code == 0 {
		t.Fatalf("check passed a tampered register: %s", out.String())
	}
	if !strings.Contains(errOut.String(), "audit entry 4 was altered") {
		t.Fatalf("check does not name entry 4: %s", errOut.String())
	}
}

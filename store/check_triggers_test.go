package store_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
)

// Someone with the file in hand drops a safeguard (the trigger that keeps
// signed checkpoints from being changed), disarms another under its own
// name, and adds one of their own: check names each, and finds nothing to
// say about the triggers of an untouched register.
func TestCheckNamesSafeguardTriggersRemovedOrRewritten(t *testing.T) {
	db, path := openTemp(t)
	ctx := context.Background()
	problems, err := db.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		if strings.Contains(p, "trigger") {
			t.Fatalf("an untouched register: %s", p)
		}
	}
	raw, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, stmt := range []string{
		"DROP TRIGGER audit_checkpoints_no_update",
		"DROP TRIGGER opinions_issued_frozen",
		"CREATE TRIGGER opinions_issued_frozen BEFORE UPDATE ON opinions WHEN 0 BEGIN SELECT 1; END",
		"CREATE TRIGGER quiet_helper AFTER INSERT ON notes BEGIN SELECT 1; END",
	} {
		if _, err := raw.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	problems, err = db.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(problems, "\n")
	for _, want := range []string{
		"the safeguard trigger audit_checkpoints_no_update is missing",
		"the safeguard trigger opinions_issued_frozen is not the one Ethics Desk made",
		"a trigger Ethics Desk did not make (quiet_helper)",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("check does not say %q; it says:\n%s", want, all)
		}
	}
}

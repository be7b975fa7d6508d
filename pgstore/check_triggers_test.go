package pgstore_test

import (
	"context"
	"strings"
	"testing"

	"ethicsdesk/internal/storetest"
)

// The schema's owner switches a safeguard off, drops another, rewrites a
// third's function to let everything through and adds a trigger of their
// own: check names each, and says nothing of an untouched database's.
func TestCheckNamesSafeguardsDisabledDroppedOrRewritten(t *testing.T) {
	db, url := openPG(t)
	storetest.AuditScript(t, db)
	ctx := context.Background()
	problems, err := db.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		if strings.Contains(p, "safeguard") || strings.Contains(p, "trigger") {
			t.Fatalf("an untouched database: %s", p)
		}
	}
	raw := rawExec(url)
	for _, q := range []string{
		"ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_truncate",
		"DROP TRIGGER fingerprint_baseline_fixed ON fingerprint_baseline",
		"CREATE OR REPLACE FUNCTION opinions_refuse_issued_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
		"CREATE FUNCTION quiet() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
		"CREATE TRIGGER quiet_helper BEFORE INSERT ON notes FOR EACH ROW EXECUTE FUNCTION quiet()",
	} {
		if err := raw(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	problems, err = db.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(problems, "\n")
	for _, want := range []string{
		"the safeguard trigger audit_log_no_truncate is disabled",
		"the safeguard trigger fingerprint_baseline_fixed is missing",
		"the safeguard function opinions_refuse_issued_change is not the one Ethics Desk made",
		"a trigger Ethics Desk did not make (quiet_helper on notes)",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("check does not say %q; it says:\n%s", want, all)
		}
	}
}

package store_test

import (
	"context"
	"strings"
	"testing"
)

// A case that was in the register before it had fingerprints, written
// without an audit entry of its own (as an older version's seeding did),
// is counted by check as not comparable, not reported; a case written the
// same way after the upgrade is reported as written behind the log's back.
func TestRowsFromBeforeFingerprintsAreNotReportedButLaterOnesAre(t *testing.T) {
	ctx := context.Background()
	db, path := registerWithCases(t, 1)
	raw := rawWriter(t, path)
	var cols, trigger string
	if err := raw.QueryRow("SELECT group_concat(name, ', ') FROM pragma_table_info('cases') WHERE name NOT IN ('id', 'reference')").Scan(&cols); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRow("SELECT sql FROM sqlite_master WHERE name = 'fingerprint_baseline_fixed_update'").Scan(&trigger); err != nil {
		t.Fatal(err)
	}
	copyCase := func(ref string) {
		t.Helper()
		if _, err := raw.Exec("INSERT INTO cases (reference, "+cols+") SELECT ?1, "+cols+" FROM cases WHERE id = 1", ref); err != nil {
			t.Fatal(err)
		}
	}
	// The register as an older version left it: case 2 without an entry,
	// and a baseline recorded at the upgrade that covers it.
	copyCase("EC-2020-0001")
	for _, s := range []string{"INSERT INTO reference_counters (year, last) VALUES (2020, 2)", "DROP TRIGGER fingerprint_baseline_fixed_update",
		"UPDATE fingerprint_baseline SET max_id = 2 WHERE entity = 'case'", trigger} {
		if _, err := raw.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	problems, sum, err := db.CheckWithSummary(ctx)
	if err != nil || len(problems) != 0 || sum.LegacyRows != 1 || sum.Rows < 1 {
		t.Fatalf("the upgraded register: %q, %d compared, %d not comparable, %v", problems, sum.Rows, sum.LegacyRows, err)
	}
	copyCase("EC-2020-0002")
	problems, _, err = db.CheckWithSummary(ctx)
	if err != nil || len(problems) != 1 || !strings.Contains(problems[0], "EC-2020-0002 was written into the file without any audit entry") {
		t.Fatalf("a case written behind the log after the upgrade: %q %v", problems, err)
	}
}

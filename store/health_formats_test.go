package store_test

import (
	"context"
	"testing"

	"ethicsdesk/store"
)

// A register of an older format opened read-only (to look at a copy) is
// read as it is: the start-up check reports its format and no problem,
// since it cannot be brought up to date without writing.
func TestAnOlderRegisterOpenedReadOnlyIsHealthy(t *testing.T) {
	db, path := registerWithCases(t, 1)
	db.Close()
	older := store.SchemaVersion() - 1
	rawSQLite(t, path, "PRAGMA user_version = "+itoa(older))
	ro, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	h, err := ro.StartupHealth(context.Background())
	if err != nil || h.Damaged() || h.Message != "" || h.SchemaVersion != older || h.Latest != store.SchemaVersion() {
		t.Fatalf("an older register read-only: %+v %v", h, err)
	}
	if n := countRows(t, path, "PRAGMA user_version"); n != older {
		t.Fatalf("the read-only register was upgraded to %d", n)
	}
}

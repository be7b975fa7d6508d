package store_test

import (
	"errors"
	"strings"
	"testing"

	"ethicsdesk/store"
)

// A register whose upgrade fails half way through a migration (here an
// index the migration makes is already there) is refused with a sentence
// naming the file and the migration, and stays at its previous format:
// the tables the migration had made before the failure are gone again.
func TestAFailedUpgradeLeavesThePreviousFormat(t *testing.T) {
	db, path := openTemp(t)
	db.Close()
	rawSQLite(t, path, "PRAGMA foreign_keys = OFF", "ALTER TABLE meetings RENAME TO meetings_old", "PRAGMA user_version = 1")

	_, err := store.Open(path, store.Options{})
	var oe *store.OpenError
	if !errors.As(err, &oe) || !strings.HasPrefix(err.Error(), "The register "+oe.Path+" could not be opened: migration 0002_people.sql: ") ||
		!strings.Contains(err.Error(), "meetings_held_on already exists") {
		t.Fatalf("a failing upgrade: %v", err)
	}
	if n := countRows(t, path, "PRAGMA user_version"); n != 1 {
		t.Fatalf("the register is at format %d after the failed upgrade, want 1", n)
	}
	if n := countRows(t, path, "SELECT count(*) FROM sqlite_master WHERE name = 'meetings'"); n != 0 {
		t.Fatal("the failed migration's first table was kept")
	}
}

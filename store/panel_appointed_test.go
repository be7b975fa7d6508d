package store_test

import (
	"database/sql"
	"testing"

	"ethicsdesk/internal/storetest"
	"ethicsdesk/store"
)

// A register of format 0022, before readers' declarations were told from
// the panel, is upgraded knowing who was appointed (internal/storetest).
func TestAnOldRegistersPanelKeepsOnlyTheAppointed(t *testing.T) {
	db, path := openTemp(t)
	old := storetest.NewPanelUpgrade(t, db)
	db.Close()

	// The file as format 0022 left it: no column telling readers apart.
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	var hasColumn int
	err = raw.QueryRow("SELECT count(*) FROM pragma_table_info('case_panel') WHERE name = 'appointed'").Scan(&hasColumn)
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	if hasColumn == 1 {
		rawSQLite(t, path, "ALTER TABLE case_panel DROP COLUMN appointed")
	}
	rawSQLite(t, path, "PRAGMA user_version = 22")

	db, err = store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	old.Check(t, db)
}

package pgstore_test

import (
	"context"
	"testing"

	"ethicsdesk/internal/storetest"
	"ethicsdesk/pgstore"
)

// A register of schema 0012, before readers' declarations were told from
// the panel, is upgraded knowing who was appointed (internal/storetest).
func TestAnOldRegistersPanelKeepsOnlyTheAppointed(t *testing.T) {
	db, url := openPG(t)
	old := storetest.NewPanelUpgrade(t, db)
	db.Close()
	// The register as schema 0012 left it: no column telling readers apart.
	if err := rawExec(url)(`ALTER TABLE case_panel DROP COLUMN IF EXISTS appointed;
		DELETE FROM schema_migrations WHERE version = 13`); err != nil {
		t.Fatal(err)
	}
	again, err := pgstore.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	old.Check(t, again)
}

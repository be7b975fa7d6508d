package store_test

import (
	"database/sql"
	"path/filepath"
	"testing"

	"ethicsdesk/internal/storetest"
	"ethicsdesk/store"
)

// The conformance suite of the storage contracts (internal/storetest), the
// same one the PostgreSQL store runs (pgstore/conformance_test.go).
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Engine {
		path := filepath.Join(t.TempDir(), "register.db")
		db, err := store.Open(path, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return storetest.Engine{Store: db, Raw: func(query string) error {
			raw, err := sql.Open("sqlite3_ethicsdesk", "file:"+path+"?_busy_timeout=15000")
			if err != nil {
				return err
			}
			defer raw.Close()
			_, err = raw.Exec(query)
			return err
		}}
	})
}

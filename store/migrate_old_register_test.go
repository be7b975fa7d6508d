package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
)

// A register an older version made before registers were marked (format
// 5, no application id) is marked and brought up to this version's format
// when it is opened, and then takes new cases.
func TestAnUnmarkedOldRegisterIsMarkedAndMigrated(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old-register.db")
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open(driverName, "file:"+path+"?_foreign_keys=on")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms[:5] {
		if _, err := raw.Exec(m.sql); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
		if _, err := raw.Exec(fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	if h, err := readHeader(path); err != nil || h.ApplicationID != 0 || h.UserVersion != ms[4].version {
		t.Fatalf("set-up: the old register's header %+v %v", h, err)
	}
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("opening the old register: %v", err)
	}
	defer db.Close()
	var v int
	var appID int64
	if err := db.read.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != SchemaVersion() {
		t.Fatalf("format after opening: %d, want %d (%v)", v, SchemaVersion(), err)
	}
	if err := db.read.QueryRow("PRAGMA application_id").Scan(&appID); err != nil || appID != ApplicationID {
		t.Fatalf("mark after opening: %#x (%v)", appID, err)
	}
	if _, err := fixedService(db).CreateCase(ctx, clerk, sampleDraft("A case in the upgraded register.")); err != nil {
		t.Fatalf("a new case in the upgraded register: %v", err)
	}
}

// Copies of the program opened at once on the same old register (members
// starting the new version together on a shared folder) all open it: the
// one that waited for the write lock finds the migrations done and does
// not apply them again.
func TestCopiesOpeningAnOldRegisterAtOnceMigrateItOnce(t *testing.T) {
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	for round := 0; round < 3; round++ {
		path := filepath.Join(t.TempDir(), "shared.db")
		raw, err := sql.Open(driverName, "file:"+path+"?_foreign_keys=on")
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms[:5] {
			if _, err := raw.Exec(m.sql + fmt.Sprintf("; PRAGMA user_version = %d", m.version)); err != nil {
				t.Fatalf("%s: %v", m.name, err)
			}
		}
		raw.Close()
		const copies = 4
		errs := make(chan error, copies)
		start := make(chan struct{})
		for range copies {
			go func() {
				<-start
				db, err := Open(path, Options{BusyTimeoutMS: 30000})
				if err != nil {
					errs <- err
					return
				}
				// Each copy works on the new format once it has the register
				// open, not on one the other copies are still migrating.
				if v, err := db.userVersion(); err != nil || v != SchemaVersion() {
					err = fmt.Errorf("opened at format %d, not %d (%v)", v, SchemaVersion(), err)
					db.Close()
					errs <- err
					return
				}
				errs <- db.Close()
			}()
		}
		close(start)
		for range copies {
			if err := <-errs; err != nil {
				t.Fatalf("round %d: a copy opening the old register at the same time: %v", round, err)
			}
		}
		// Read through SQLite, not from the file's header: copies closing
		// at the same moment may each leave the last checkpoint to
		// another, so the new format can still be in the write-ahead log
		// beside the file, where the next opening reads it.
		if v, err := formatOnDisk(path); err != nil || v != SchemaVersion() {
			t.Fatalf("round %d: format %d after the copies opened it (%v)", round, v, err)
		}
	}
}

// formatOnDisk is the register format a new connection reads in path.
func formatOnDisk(path string) (int, error) {
	raw, err := sql.Open(driverName, "file:"+path+"?mode=ro")
	if err != nil {
		return 0, err
	}
	defer raw.Close()
	var v int
	err = raw.QueryRow("PRAGMA user_version").Scan(&v)
	return v, err
}

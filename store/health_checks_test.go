package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/mattn/go-sqlite3"

	"ethicsdesk/cases"
)

// A register whose pages read without error but whose rows break the
// table's own rules (a CHECK constraint changed behind the program's back)
// is reported damaged at start-up, with the sentence the window shows.
func TestAStartupCheckThatFindsBrokenRowsSaysTheRegisterIsDamaged(t *testing.T) {
	ctx := context.Background()
	db, path := openTestDB(t, Options{})
	if err := fixedService(db).SaveHoliday(ctx, cases.User{ID: 1, Username: "admin", DisplayName: "Chen Jie", Role: cases.RoleAdministrator, Active: true},
		cases.Holiday{Day: cases.MustDate("2026-05-01"), Name: "Labour Day"}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"PRAGMA writable_schema = ON",
		"UPDATE sqlite_master SET sql = replace(sql, 'working IN (0, 1)', 'working IN (1)') WHERE name = 'holidays'"} {
		if _, err := raw.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	raw.Close()
	reopened, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer reopened.Close()
	h, err := reopened.StartupHealth(ctx)
	if err != nil || !h.Damaged() || !strings.Contains(fmt.Sprint(h.Problems), "CHECK constraint failed in holidays") ||
		!strings.Contains(h.Message, "is damaged") {
		t.Fatalf("a register with a broken row: %+v %v", h, err)
	}
}

// Only a corrupt file or one that is no database offers the restore of a
// backup; a busy, full, unreadable or read-only file does not.
func TestOnlyACorruptFileOrNoDatabaseIsDamage(t *testing.T) {
	for code, want := range map[sqlite3.ErrNo]bool{sqlite3.ErrCorrupt: true, sqlite3.ErrNotADB: true,
		sqlite3.ErrBusy: false, sqlite3.ErrFull: false, sqlite3.ErrIoErr: false, sqlite3.ErrReadonly: false, sqlite3.ErrPerm: false} {
		if got := IsDamaged(fmt.Errorf("reading the register: %w", sqlite3.Error{Code: code})); got != want {
			t.Errorf("SQLite error %d: damaged %v, want %v", code, got, want)
		}
	}
	if IsDamaged(nil) || IsDamaged(cases.ErrNotFound) {
		t.Error("an error that is not SQLite's is damage")
	}
}

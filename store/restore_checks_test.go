package store_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ethicsdesk/store"
)

// A backup that is a register but fails its check (a damaged page, a case
// row changed with an SQLite tool, a single problem in its search index)
// or that is a folder is not restored:
// the sentence names the backup and what is wrong, and the register and
// its folder are left as they were.
func TestRestoreRefusesABackupThatFailsItsCheck(t *testing.T) {
	ctx := context.Background()
	db, _ := registerWithCases(t, 2)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	if _, err := db.Backup(ctx, good); err != nil {
		t.Fatal(err)
	}
	var root int
	if err := rawDB(t, good).QueryRow("SELECT rootpage FROM sqlite_master WHERE name = 'cases'").Scan(&root); err != nil {
		t.Fatal(err)
	}
	damaged := filepath.Join(dir, "damaged.db")
	b := readAll(t, good)
	copy(b[(root-1)*8192:], strings.Repeat("\xff", 64))
	os.WriteFile(damaged, b, 0o600)
	tampered := filepath.Join(dir, "tampered.db")
	os.WriteFile(tampered, readAll(t, good), 0o600)
	rawSQLite(t, tampered, "UPDATE cases SET received_on = 'someday' WHERE id = 1")
	ghost := filepath.Join(dir, "ghost.db")
	os.WriteFile(ghost, readAll(t, good), 0o600)
	rawSQLite(t, ghost, "INSERT INTO search_fts (rowid, title) VALUES (99 * 4, 'ghost')")

	target, _ := registerWithCases(t, 1)
	target.Close()
	before := readAll(t, target.Path)
	entries := func() int { e, _ := os.ReadDir(filepath.Dir(target.Path)); return len(e) }
	n := entries()
	for _, c := range []struct{ from, want string }{
		{damaged, "The backup " + damaged + " failed its check (SQLite quick check: "},
		{tampered, "The backup " + tampered + ` failed its check (case EC-2026-0001: the received date "someday" is not a date`},
		{ghost, "The backup " + ghost + " failed its check (The search index holds 1 cases that no longer exist.), so it was not restored."},
		{dir, dir + " is not a file, so it cannot be a backup. Nothing was changed."},
	} {
		aside, err := store.Restore(ctx, target.Path, c.from, time.Now())
		if err == nil || aside != "" || !strings.HasPrefix(err.Error(), c.want) || !strings.HasSuffix(err.Error(), "Nothing was changed.") {
			t.Fatalf("restoring %s: %q %v", filepath.Base(c.from), aside, err)
		}
		if !bytes.Equal(before, readAll(t, target.Path)) || entries() != n {
			t.Fatalf("restoring %s changed the register or its folder", filepath.Base(c.from))
		}
	}
}

// The search index holding a document whose case is gone is reported.
func TestCheckReportsSearchDocumentsOfNothing(t *testing.T) {
	db, path := registerWithCases(t, 1)
	rawSQLite(t, path, "INSERT INTO search_fts (rowid, title) VALUES (99 * 4, 'ghost')")
	problems, err := db.Check(context.Background())
	if err != nil || len(problems) != 1 || problems[0] != "The search index holds 1 cases that no longer exist." {
		t.Fatalf("a document of no case: %q %v", problems, err)
	}
}

// Three restores in the same second keep every register moved aside, the
// second and third under the next numbers; and a second handle in this
// very process keeps a restore waiting without naming this process as
// another one.
func TestRestoresInOneSecondKeepEveryRegisterAside(t *testing.T) {
	ctx := context.Background()
	db, path := registerWithCases(t, 1)
	backup := filepath.Join(t.TempDir(), "b.db")
	if _, err := db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	second, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var inUse *store.InUseError
	if err := db.OthersHaveOpen(); !errors.As(err, &inUse) || len(inUse.PIDs) != 0 {
		t.Fatalf("a second handle in this process: %v", err)
	}
	second.Close()
	db.Close()
	now := time.Date(2026, 3, 11, 15, 4, 5, 0, time.Local)
	var asides []string
	for range 3 {
		aside, err := store.Restore(ctx, path, backup, now)
		if err != nil {
			t.Fatal(err)
		}
		asides = append(asides, filepath.Base(aside))
	}
	if asides[0] != "register.before-restore-20260311-150405.db" || asides[1] != "register.before-restore-20260311-150405-2.db" ||
		asides[2] != "register.before-restore-20260311-150405-3.db" {
		t.Fatalf("the registers moved aside: %v", asides)
	}
}

// An empty SQLite database (a file some other tool made, with no tables)
// is not a backup: restoring it would replace the register with an empty
// one. It is refused before anything is copied, and the register is left
// as it was.
func TestRestoreRefusesAnEmptyDatabase(t *testing.T) {
	ctx := context.Background()
	target, _ := registerWithCases(t, 1)
	target.Close()
	before := readAll(t, target.Path)
	empty := filepath.Join(t.TempDir(), "empty.db")
	rawSQLite(t, empty, "CREATE TABLE scratch (x)", "DROP TABLE scratch")
	aside, err := store.Restore(ctx, target.Path, empty, time.Now())
	want := empty + " is an empty database, not a backup of an Ethics Desk register. Nothing was changed."
	if err == nil || aside != "" || err.Error() != want {
		t.Fatalf("restoring an empty database: %q %v; want %q", aside, err, want)
	}
	if !bytes.Equal(before, readAll(t, target.Path)) {
		t.Fatal("restoring an empty database changed the register")
	}
}

// A register left with its journal (-wal) by a program that stopped
// without closing it is folded into one file before it is moved aside:
// the file moved aside holds every case on its own, even copied without
// its journal.
func TestTheRegisterMovedAsideIsCompleteOnItsOwn(t *testing.T) {
	ctx := context.Background()
	db, path := registerWithCases(t, 1)
	backup := filepath.Join(t.TempDir(), "b.db")
	if _, err := db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if _, err := newService(db).CreateCase(ctx, secretary, draft()); err != nil {
		t.Fatal(err)
	}
	// The register as a stopped program leaves it: the file and its journal.
	crashed := filepath.Join(t.TempDir(), "register.db")
	for _, suffix := range []string{"", "-wal"} {
		if err := os.WriteFile(crashed+suffix, readAll(t, path+suffix), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	aside, err := store.Restore(ctx, crashed, backup, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	alone := filepath.Join(t.TempDir(), "alone.db")
	if err := os.WriteFile(alone, readAll(t, aside), 0o600); err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, alone, "SELECT count(*) FROM cases"); n != 2 {
		t.Fatalf("the register moved aside, without its journal, holds %d cases, want 2", n)
	}
}

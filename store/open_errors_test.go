package store_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mattn/go-sqlite3"

	"ethicsdesk/store"
)

// A register whose first page is damaged after its header (which still
// says "Ethics Desk register") is refused with a sentence saying it is
// damaged and what to do, and left byte for byte as it was; the cause
// stays reachable for a caller that asks.
func TestADamagedRegisterIsRefusedAsDamaged(t *testing.T) {
	db, path := registerWithCases(t, 2)
	db.Close()
	b := readAll(t, path)
	copy(b[100:], strings.Repeat("\xff", 64)) // the schema's page header
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := store.Open(path, store.Options{})
	var oe *store.OpenError
	if !errors.As(err, &oe) || err.Error() != "The register "+path+" is damaged. Restore it from a backup; nothing was changed." {
		t.Fatalf("a damaged register: %v", err)
	}
	var se sqlite3.Error
	if !errors.As(err, &se) || se.Code != sqlite3.ErrCorrupt {
		t.Fatalf("the cause is not kept: %#v", err)
	}
	if !store.IsDamaged(err) {
		t.Fatal("the window would not offer to restore a backup over a damaged register")
	}
	if string(readAll(t, path)) != string(b) {
		t.Fatal("the damaged register was changed")
	}
}

// A folder chosen as the register, a register in a "folder" that is a
// file, and a register that is not there for a command that needs one
// each get a sentence naming the path, and nothing is created. Of these
// and a file that is no database, only the last is damaged: the window
// offers to restore a backup over that one alone.
func TestPathsThatCannotBeARegisterAreNamed(t *testing.T) {
	dir := t.TempDir()
	if _, err := store.Open(dir, store.Options{}); err == nil || err.Error() != dir+" is a folder, not a register file." || store.IsDamaged(err) {
		t.Fatalf("a folder: %v", err)
	}
	notes := filepath.Join(dir, "notes.txt")
	os.WriteFile(notes, []byte("keep me"), 0o600)
	under := filepath.Join(notes, "register.db")
	_, err := store.Open(under, store.Options{})
	if err == nil || err.Error() != "The register "+under+" cannot be opened: check that the file exists and that you may read it." {
		t.Fatalf("a register under a file: %v", err)
	}
	missing := filepath.Join(dir, "missing.db")
	_, err = store.OpenExisting(missing)
	if err == nil || err.Error() != "There is no register at "+missing+"." || !errors.Is(err, fs.ErrNotExist) || store.IsDamaged(err) {
		t.Fatalf("no register: %v", err)
	}
	minutes := filepath.Join(t.TempDir(), "minutes.db")
	os.WriteFile(minutes, []byte(strings.Repeat("Minutes of the March sitting.\n", 300)), 0o600)
	if _, err := store.Open(minutes, store.Options{}); !store.IsDamaged(err) {
		t.Fatalf("a file that is no database: %v", err)
	}
	if _, err := os.ReadFile(dir); err == nil || store.IsDamaged(err) {
		t.Fatalf("a folder read as a file is damaged: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 || string(readAll(t, notes)) != "keep me" {
		t.Fatalf("the folder changed: %v", entries)
	}
}

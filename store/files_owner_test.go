package store_test

import (
	"os"
	"path/filepath"
	"testing"

	"ethicsdesk/store"
)

// An empty file made beforehand (a `touch register.db`, readable by
// everyone) becomes a register of its owner's only, like a new one.
func TestAnEmptyFileMadeBeforehandBecomesAnOwnerOnlyRegister(t *testing.T) {
	old := umaskZero()
	defer restoreUmask(old)
	path := filepath.Join(t.TempDir(), "register.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 || fi.Size() == 0 {
		t.Fatalf("the register made in the empty file: %v, %d bytes, %v", fi.Mode().Perm(), fi.Size(), err)
	}
}

package store_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"ethicsdesk/store"
)

// The automatic backups' own folder beside the register is made its
// owner's only, even where an older version left it readable by others;
// a folder the user chose for them keeps the permissions the user gave it.
func TestAutoBackupTightensOnlyItsOwnFolder(t *testing.T) {
	db, path := registerWithCases(t, 1)
	own := store.DefaultBackupDir(path)
	chosen := filepath.Join(t.TempDir(), "shared backups")
	for _, dir := range []string{own, chosen} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	day := time.Date(2026, 3, 2, 9, 0, 0, 0, time.Local)
	for _, dir := range []string{"", chosen} {
		if written, err := store.AutoBackup(db, dir, 3, day); err != nil || written == "" {
			t.Fatalf("the backup into %q: %q %v", dir, written, err)
		}
	}
	if fi, err := os.Stat(own); err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("the register's own backup folder: %v %v, want owner-only", fi.Mode().Perm(), err)
	}
	if fi, err := os.Stat(chosen); err != nil || fi.Mode().Perm() != 0o755 {
		t.Fatalf("the folder the user chose: %v %v, want it as it was", fi.Mode().Perm(), err)
	}
}

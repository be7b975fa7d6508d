package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"ethicsdesk/store"
)

// The automatic backups of a register are the files named after it and a
// real day, oldest first: another register's backups, the user's own
// files, a day that does not exist and a folder are not, and so are never
// removed as old backups. No folder means no backups yet.
func TestAutomaticBackupsAreOnlyTheRegistersDailyFiles(t *testing.T) {
	db, path := registerWithCases(t, 1)
	dir := filepath.Join(t.TempDir(), "backups")
	if list, err := store.Backups(dir, path); list != nil || err != nil {
		t.Fatalf("no folder yet: %v %v", list, err)
	}
	if latest, err := store.LatestBackup(dir, path); latest != "" || err != nil {
		t.Fatalf("the latest of none: %q %v", latest, err)
	}
	os.MkdirAll(filepath.Join(dir, "register-2026-03-11.db"), 0o700)
	others := []string{"register-notes.db", "other-2026-03-12.db", "register-2026-13-45.db", "register-2026-03-12.txt"}
	for _, name := range append([]string{"register-2026-03-10.db", "register-2026-03-02.db"}, others...) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	list, err := store.Backups(dir, path)
	if err != nil || len(list) != 2 || filepath.Base(list[0]) != "register-2026-03-02.db" || filepath.Base(list[1]) != "register-2026-03-10.db" {
		t.Fatalf("the automatic backups: %v %v", list, err)
	}
	if latest, _ := store.LatestBackup(dir, path); filepath.Base(latest) != "register-2026-03-10.db" {
		t.Fatalf("the latest: %q", latest)
	}

	// Keeping one backup removes the older daily backups only.
	if _, err := store.AutoBackup(db, dir, 1, time.Date(2026, 3, 13, 9, 0, 0, 0, time.Local)); err != nil {
		t.Fatal(err)
	}
	list, _ = store.Backups(dir, path)
	if len(list) != 1 || filepath.Base(list[0]) != "register-2026-03-13.db" {
		t.Fatalf("after keeping one: %v", list)
	}
	for _, name := range append(others, "register-2026-03-11.db") {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Fatalf("%s was removed with the old backups: %v", name, err)
		}
	}
}

// A number of backups to keep that is zero or negative, in the settings or
// asked of AutoBackup, means the default fourteen, not "keep none".
func TestKeepingNoBackupsMeansTheDefault(t *testing.T) {
	ctx := context.Background()
	db, path := registerWithCases(t, 1)
	rawSQLite(t, path, "INSERT OR REPLACE INTO settings (key, value) VALUES ('backup_keep', '0')", "INSERT OR REPLACE INTO settings (key, value) VALUES ('backup_dir', '  ')")
	dir, keep, err := db.BackupSettings(ctx)
	if err != nil || keep != store.DefaultBackupKeep || dir != store.DefaultBackupDir(path) {
		t.Fatalf("settings of 0 and a blank folder: %q %d %v", dir, keep, err)
	}
	day := time.Date(2026, 3, 1, 8, 0, 0, 0, time.Local)
	for i := range 2 {
		if _, err := store.AutoBackup(db, "", 0, day.AddDate(0, 0, i)); err != nil {
			t.Fatal(err)
		}
	}
	if list, _ := store.Backups(dir, path); len(list) != 2 {
		t.Fatalf("keeping 0 kept %d backups", len(list))
	}
}

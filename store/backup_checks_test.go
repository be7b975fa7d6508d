package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ethicsdesk/store"
)

// verify --backup: a sound backup passes and is left as it was; a backup
// with a damaged page is named by SQLite's quick check; a missing file, a
// file that is no register and a folder each get a sentence; nothing is
// left in the temporary folder.
func TestVerifyingABackupNamesWhatIsWrong(t *testing.T) {
	ctx := context.Background()
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where the backup's temporary copy goes
	db, _ := registerWithCases(t, 3)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	if _, err := db.Backup(ctx, good); err != nil {
		t.Fatal(err)
	}
	sound := readAll(t, good)
	if problems, err := store.VerifyBackup(ctx, good); err != nil || len(problems) != 0 {
		t.Fatalf("a sound backup: %q %v", problems, err)
	}
	if string(sound) != string(readAll(t, good)) {
		t.Fatal("verifying the backup changed it")
	}

	// The page holding the cases table is overwritten.
	var root int
	if err := rawDB(t, good).QueryRow("SELECT rootpage FROM sqlite_master WHERE name = 'cases'").Scan(&root); err != nil {
		t.Fatal(err)
	}
	damaged := append([]byte(nil), sound...)
	copy(damaged[(root-1)*8192:], strings.Repeat("\xff", 64))
	bad := filepath.Join(dir, "damaged.db")
	if err := os.WriteFile(bad, damaged, 0o600); err != nil {
		t.Fatal(err)
	}
	problems, err := store.VerifyBackup(ctx, bad)
	if err != nil || len(problems) == 0 || !strings.HasPrefix(problems[0], "SQLite quick check: ") {
		t.Fatalf("a backup with a damaged page: %q %v", problems, err)
	}

	missing := filepath.Join(dir, "missing.db")
	if _, err := store.VerifyBackup(ctx, missing); err == nil || err.Error() != "There is no backup at "+missing+"." {
		t.Fatalf("a missing backup: %v", err)
	}
	minutes := filepath.Join(dir, "minutes.db")
	os.WriteFile(minutes, []byte(strings.Repeat("Minutes of the March sitting.\n", 300)), 0o600)
	if _, err := store.VerifyBackup(ctx, minutes); err == nil || !strings.Contains(err.Error(), "is not an Ethics Desk register") {
		t.Fatalf("a file that is no register: %v", err)
	}
	if _, err := store.VerifyBackup(ctx, dir); err == nil {
		t.Fatal("a folder passed as a backup")
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Fatalf("verifying left temporary files behind: %v", left)
	}
}

// A backup whose folder cannot be made (a file stands in its way) is
// refused with a sentence naming it, and the file is left as it was.
func TestABackupFolderThatCannotBeMadeIsNamed(t *testing.T) {
	db, _ := registerWithCases(t, 1)
	blocker := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(blocker, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := db.Backup(context.Background(), filepath.Join(blocker, "backup.db"))
	if err == nil || !strings.Contains(err.Error(), "The backup folder "+blocker+" cannot be created") {
		t.Fatalf("a folder behind a file: %v", err)
	}
	if string(readAll(t, blocker)) != "keep me" {
		t.Fatal("the file in the way was changed")
	}
}

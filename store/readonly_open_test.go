package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"ethicsdesk/store"
)

// A register opened read-only beside the program that writes it sees the
// writer's latest saves, which are still in the journal (-wal), not yet in
// the file.
func TestAReadOnlyOpenSeesSavesStillInTheJournal(t *testing.T) {
	ctx := context.Background()
	db, path := openTemp(t)
	svc := newService(db)
	c, err := svc.CreateCase(ctx, secretary, draft())
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path + "-wal"); err != nil || fi.Size() == 0 {
		t.Fatalf("set-up: the save is not in the journal (%v)", err)
	}
	ro, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if got, err := newService(ro).GetCase(ctx, secretary, c.ID); err != nil || got.Reference != c.Reference {
		t.Fatalf("the read-only copy does not see the case still in the journal: %+v %v", got, err)
	}
}

// A register in a folder that takes no files (read-only media, a folder
// shared read-only) opens read-only as the file stands: its cases are
// there, and no journal or lock file is made beside it.
func TestARegisterInAFolderThatTakesNoFilesIsReadAsItStands(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "register.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := newService(db).CreateCase(ctx, secretary, draft())
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, _ := os.ReadDir(dir)
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	ro, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("opening the register in a read-only folder: %v", err)
	}
	defer ro.Close()
	if got, err := newService(ro).GetCase(ctx, secretary, c.ID); err != nil || got.Reference != c.Reference {
		t.Fatalf("the case in the read-only folder: %+v %v", got, err)
	}
	if !ro.ReadOnly {
		t.Error("the register in a read-only folder is not marked read-only")
	}
	if after, _ := os.ReadDir(dir); len(after) != len(before) {
		t.Errorf("files beside the register: %d before, %d after", len(before), len(after))
	}
	if _, err := newService(ro).CreateCase(ctx, secretary, draft()); err == nil {
		t.Error("a case was saved in a read-only folder")
	}
}

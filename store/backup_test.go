package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/internal/safefile"
	"ethicsdesk/store"
)

func TestBackupWhileAnotherGoroutineWrites(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	svc := newService(db)
	c, _ := svc.CreateCase(ctx, secretary, draft())
	if _, err := svc.AddAttachment(ctx, secretary, c.ID, "a.pdf", "", []byte("%PDF attachment")); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var wrote atomic.Int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := svc.CreateCase(ctx, secretary, draft()); err != nil {
				t.Error(err)
				return
			}
			wrote.Add(1)
		}
	}()
	for wrote.Load() < 5 {
		time.Sleep(5 * time.Millisecond)
	}
	before := wrote.Load() + 1
	out := filepath.Join(t.TempDir(), "copy.db")
	res, err := db.Backup(ctx, out)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if res.Cases < int(before) || res.Size == 0 {
		t.Fatalf("backup has %d cases (%d bytes); at least %d existed when it started", res.Cases, res.Size, before)
	}
	problems, err := store.VerifyBackup(ctx, out)
	if err != nil || len(problems) > 0 {
		t.Fatalf("the backup is not sound: %v %v", problems, err)
	}
	// Never overwrite.
	if _, err := db.Backup(ctx, out); err == nil || !strings.Contains(err.Error(), "never replaced") {
		t.Fatalf("second backup to the same file: %v", err)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), safefile.TempPrefix+"*")); len(leftovers) > 0 {
		t.Fatalf("temporary files left: %v", leftovers)
	}
}

func TestAutoBackupOncePerDayKeepsTheLastN(t *testing.T) {
	db, path := openTemp(t)
	svc := newService(db)
	svc.CreateCase(context.Background(), secretary, draft())
	dir, keep, err := db.BackupSettings(context.Background())
	if err != nil || dir != filepath.Join(filepath.Dir(path), "backups") || keep != 14 {
		t.Fatalf("settings: %q %d %v", dir, keep, err)
	}
	day := time.Date(2026, 3, 1, 8, 0, 0, 0, time.Local)
	for i := 0; i < 6; i++ {
		got, err := store.AutoBackup(db, "", 3, day.AddDate(0, 0, i))
		if err != nil || got == "" {
			t.Fatalf("day %d: %q %v", i, got, err)
		}
		again, err := store.AutoBackup(db, "", 3, day.AddDate(0, 0, i).Add(time.Hour))
		if err != nil || again != "" {
			t.Fatalf("second start the same day wrote %q (%v)", again, err)
		}
	}
	list, _ := store.Backups(dir, path)
	if len(list) != 3 || filepath.Base(list[0]) != "register-2026-03-04.db" || filepath.Base(list[2]) != "register-2026-03-06.db" {
		t.Fatalf("kept %v", list)
	}
	latest, _ := store.LatestBackup(dir, path)
	if latest != list[2] {
		t.Fatalf("latest %q", latest)
	}
}

func TestRestoreKeepsCurrentFileAside(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "register.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	svc := newService(db)
	first, _ := svc.CreateCase(ctx, secretary, draft())
	backup := filepath.Join(dir, "b.db")
	if _, err := db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	later, _ := svc.CreateCase(ctx, secretary, draft())
	db.Close()

	now := time.Date(2026, 3, 11, 15, 4, 5, 0, time.Local)
	aside, err := store.Restore(ctx, path, backup, now)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(aside) != "register.before-restore-20260311-150405.db" {
		t.Fatalf("aside %q", aside)
	}
	restored, err := store.OpenExisting(path)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	if problems, err := restored.Check(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("restored file fails its check: %v %v", problems, err)
	}
	rsvc := newService(restored)
	if _, err := rsvc.FindCase(ctx, secretary, first.Reference); err != nil {
		t.Fatalf("case from the backup: %v", err)
	}
	if _, err := rsvc.FindCase(ctx, secretary, later.Reference); err == nil {
		t.Fatal("a case made after the backup is in the restored register")
	}
	// The previous register is intact, with the later case.
	old, err := store.Open(aside, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	if _, err := newService(old).FindCase(ctx, secretary, later.Reference); err != nil {
		t.Fatalf("the file kept aside lost the later case: %v", err)
	}

	// A second restore in the same second does not overwrite the first aside.
	restored.Close()
	aside2, err := store.Restore(ctx, path, backup, now)
	if err != nil || aside2 == aside {
		t.Fatalf("second restore: %q %v", aside2, err)
	}
}

func TestRestoreRefusesADamagedBackup(t *testing.T) {
	db, path := openTemp(t)
	ctx := context.Background()
	newService(db).CreateCase(ctx, secretary, draft())
	bad := filepath.Join(t.TempDir(), "bad.db")
	os.WriteFile(bad, []byte("SQLite format 3\x00 but then rubbish, rubbish, rubbish"), 0o600)
	before, _ := os.ReadFile(path)
	_, err := store.Restore(ctx, path, bad, time.Now())
	if err == nil || !strings.Contains(err.Error(), "Nothing was changed") {
		t.Fatalf("restore of a damaged backup: %v", err)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Fatal("the register changed although the restore was refused")
	}
	if _, err := store.Restore(ctx, path, filepath.Join(t.TempDir(), "none.db"), time.Now()); err == nil {
		t.Fatal("restore from a missing file succeeded")
	}
}

// TestStaleEditFromAnotherConnection: two copies of the program (two
// handles on one file) edit the same case; the second save is refused.
func TestStaleEditFromAnotherConnection(t *testing.T) {
	dbA, path := openTemp(t)
	dbB, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer dbB.Close()
	ctx := context.Background()
	a, b := newService(dbA), newService(dbB)
	other := cases.User{ID: 2, Username: "wang", DisplayName: "Wang Fang", Role: cases.RoleSecretariat, Active: true}
	c, _ := a.CreateCase(ctx, secretary, draft())
	copyB, _ := b.GetCase(ctx, other, c.ID)
	d := c.Draft
	d.Title = "Edited by Li Na"
	if _, err := a.UpdateCase(ctx, secretary, c.ID, c.Version, d); err != nil {
		t.Fatal(err)
	}
	d2 := copyB.Draft
	d2.Title = "Edited by Wang Fang"
	_, err = b.UpdateCase(ctx, other, copyB.ID, copyB.Version, d2)
	if err == nil || !strings.Contains(err.Error(), "was changed by Li Na at ") {
		t.Fatalf("stale edit: %v", err)
	}
	got, _ := a.GetCase(ctx, secretary, c.ID)
	if got.Title != "Edited by Li Na" {
		t.Fatalf("title now %q", got.Title)
	}
}

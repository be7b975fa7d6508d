package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"ethicsdesk/store"
)

// A register someone only looks at (opened read-only) is not replaced by
// a restore either: the viewer holds the register's lock too.
func TestRestoreRefusesWhileTheRegisterIsOpenReadOnly(t *testing.T) {
	ctx := context.Background()
	db, path := openTemp(t)
	backup := filepath.Join(t.TempDir(), "b.db")
	if _, err := db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	db.Close()
	viewer, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	_, err = store.Restore(ctx, path, backup, time.Now())
	var inUse *store.InUseError
	if !errors.As(err, &inUse) {
		t.Fatalf("restore under a read-only viewer: %v", err)
	}
	viewer.Close()
	if _, err := store.Restore(ctx, path, backup, time.Now()); err != nil {
		t.Fatalf("restore once the viewer closed: %v", err)
	}
}

// The refusal names the processes holding the register when the system
// says which (Linux), else "another process".
func TestTheInUseSentenceNamesTheHoldersItKnows(t *testing.T) {
	for _, c := range []struct {
		pids []int
		want string
	}{
		{nil, "register.db is open in Ethics Desk (another process); close it first. Nothing was changed."},
		{[]int{412}, "register.db is open in Ethics Desk (process 412); close it first. Nothing was changed."},
		{[]int{412, 9007}, "register.db is open in Ethics Desk (process 412, 9007); close it first. Nothing was changed."},
	} {
		if got := (&store.InUseError{Path: "register.db", PIDs: c.pids}).Error(); got != c.want {
			t.Errorf("holders %v: %q, want %q", c.pids, got, c.want)
		}
	}
}

package store

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A full disk, whether SQLite or the system says so, is told as a full
// disk, with the place and what to do; any other failure keeps its cause.
func TestBackupWriteErrorsSayTheDiskIsFull(t *testing.T) {
	// A database limited to a few pages fills up as a full disk would.
	raw, err := sql.Open("sqlite3", filepath.Join(t.TempDir(), "small.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	_, err = raw.Exec("PRAGMA max_page_count = 3; CREATE TABLE t (x); INSERT INTO t SELECT zeroblob(100000)")
	if err == nil {
		t.Fatal("set-up: the small database did not fill up")
	}
	full := "The backup could not be written to /media/usb: the disk is full. Free some space or choose another place; the register was not changed."
	for _, cause := range []error{err, &os.PathError{Op: "write", Path: "/media/usb/x.db", Err: syscall.ENOSPC}} {
		if got := backupWriteError("/media/usb", cause); got.Error() != full {
			t.Fatalf("%v: %q", cause, got)
		}
	}
	other := &os.PathError{Op: "open", Path: "/media/usb/x.db", Err: syscall.EACCES}
	if got := backupWriteError("/media/usb", other).Error(); !strings.Contains(got, "permission denied") || strings.Contains(got, "full") {
		t.Fatalf("a refused write: %q", got)
	}
}

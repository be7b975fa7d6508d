package store

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"ethicsdesk/internal/filelock"
)

// The register lock: every process that has a register open holds a shared
// lock on the file REGISTER.lock beside it, for as long as it has it open.
// Restore takes the lock exclusively, so it cannot replace a register that
// another process is writing to (its saves would land in the file moved
// aside). The lock (internal/filelock: flock, or LockFileEx on Windows) is on a file of its own, independent of
// SQLite's locks, and the system drops it when a process ends, even when
// killed.

// lockPath is the lock file of a register.
func lockPath(dbPath string) string { return dbPath + ".lock" }

// registerLock is one process's hold on a register's lock file.
type registerLock struct{ f *os.File }

// InUseError refuses to replace a register other processes have open.
type InUseError struct {
	Path string
	PIDs []int // the holders, when the system says (Linux), else none
}

func (e *InUseError) Error() string {
	who := "another process"
	if len(e.PIDs) > 0 {
		s := make([]string, len(e.PIDs))
		for i, p := range e.PIDs {
			s[i] = strconv.Itoa(p)
		}
		who = "process " + strings.Join(s, ", ")
	}
	return fmt.Sprintf("%s is open in Ethics Desk (%s); close it first. Nothing was changed.", e.Path, who)
}

// openLockFile opens the lock file, creating it (owner-only) when create
// is set; a register opened read-only creates nothing, and on read-only
// media nil is returned: such a register cannot be replaced anyway.
func openLockFile(dbPath string, create bool) *os.File {
	var f *os.File
	err := os.ErrNotExist
	if create {
		f, err = os.OpenFile(lockPath(dbPath), os.O_RDWR|os.O_CREATE, 0o600)
	}
	if err != nil {
		f, err = os.Open(lockPath(dbPath))
	}
	if err != nil {
		return nil
	}
	return f
}

// lockShared takes the shared hold a process keeps while the register is
// open. It waits while a restore holds the lock exclusively.
func lockShared(dbPath string, create bool) *registerLock {
	f := openLockFile(dbPath, create)
	if f == nil {
		return &registerLock{}
	}
	filelock.Shared(f)
	return &registerLock{f: f}
}

// tryExclusive takes the lock exclusively if no other process holds it.
func tryExclusive(dbPath string) (*registerLock, error) {
	f := openLockFile(dbPath, true)
	if f == nil {
		return &registerLock{}, nil
	}
	if err := filelock.TryExclusive(f); err != nil {
		f.Close()
		if errors.Is(err, filelock.ErrHeld) {
			return nil, &InUseError{Path: dbPath, PIDs: lockHolders(lockPath(dbPath))}
		}
		return nil, fmt.Errorf("The register's lock file %s cannot be locked: %v. Nothing was changed.", lockPath(dbPath), err)
	}
	return &registerLock{f: f}, nil
}

// share turns an exclusive hold into a shared one.
func (l *registerLock) share() {
	if l != nil && l.f != nil {
		filelock.Shared(l.f)
	}
}

func (l *registerLock) release() {
	if l != nil && l.f != nil {
		l.f.Close() // closing the file drops the lock
		l.f = nil
	}
}

// OthersHaveOpen says, with InUseError, whether another process (or
// another handle in this one) has the register open: the window asks
// before it closes its own handle to restore.
func (db *DB) OthersHaveOpen() error {
	l := db.lock
	if l == nil || l.f == nil {
		return nil
	}
	if err := filelock.TryExclusive(l.f); err != nil {
		l.share() // a refused conversion may have dropped the shared hold
		if errors.Is(err, filelock.ErrHeld) {
			var others []int
			for _, p := range lockHolders(lockPath(db.Path)) {
				if p != os.Getpid() {
					others = append(others, p)
				}
			}
			return &InUseError{Path: db.Path, PIDs: others}
		}
		return nil
	}
	l.share()
	return nil
}

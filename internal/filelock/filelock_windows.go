//go:build windows

package filelock

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// The locked byte: at 2^63-2, past the data of any file, so that the lock
// never stops another process from reading the file.
const (
	lockOffsetHigh = 0x7fffffff
	lockOffsetLow  = 0xfffffffe
)

func overlapped() *windows.Overlapped {
	return &windows.Overlapped{Offset: lockOffsetLow, OffsetHigh: lockOffsetHigh}
}

func unlock(f *os.File) {
	// Fails harmlessly when this handle holds nothing.
	windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, overlapped())
}

func lockShared(f *os.File) error {
	unlock(f)
	return windows.LockFileEx(windows.Handle(f.Fd()), 0, 0, 1, 0, overlapped())
}

func tryExclusive(f *os.File) error {
	unlock(f)
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, overlapped())
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING) {
		return ErrHeld
	}
	return err
}

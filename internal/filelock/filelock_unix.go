//go:build unix

package filelock

import (
	"errors"
	"os"
	"syscall"
)

func lockShared(f *os.File) error {
	return flock(f, syscall.LOCK_SH)
}

func tryExclusive(f *os.File) error {
	err := flock(f, syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return ErrHeld
	}
	return err
}

// flock retries when a signal (Go's scheduler sends them) interrupts the
// call, which would otherwise leave the file unlocked.
func flock(f *os.File, how int) error {
	fd := int(f.Fd())
	for {
		err := syscall.Flock(fd, how)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

// Package filelock holds advisory locks on open files that the system
// drops when the process ends, even when it is killed: flock on Linux
// and macOS, LockFileEx on Windows. The register lock (store) and the
// temporary files of safefile use it, so that the same code builds for
// every system the committee's laptops run.
//
// On Windows the lock covers one byte far beyond any file's data, because
// a Windows lock also stops other processes reading the bytes it covers;
// and a hold is changed (shared to exclusive and back) by releasing it
// first, which Windows cannot do in one step.
package filelock

import (
	"errors"
	"os"
)

// ErrHeld is returned by TryExclusive when another holder has the lock.
var ErrHeld = errors.New("the file is locked by another process")

// Shared waits for, then takes, a shared hold on f, replacing any hold
// this handle had.
func Shared(f *os.File) error { return lockShared(f) }

// TryExclusive takes an exclusive hold on f, replacing any hold this
// handle had, or returns ErrHeld at once when someone else holds it (this
// handle's own earlier hold may then be gone: take Shared again).
func TryExclusive(f *os.File) error { return tryExclusive(f) }

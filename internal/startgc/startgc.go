// Package startgc holds Go's garbage collector back while the window
// starts, as the Go compiler does for its own start (AdjustStartingHeap).
//
// Measured under Xvfb on the benchmark's register (GODEBUG=gctrace=1),
// the collector ran four times before the register window appeared: the
// heap starts with a goal of 4 MB, and the start allocates some 85 MB in
// a fifth of a second (the password check's 19 MiB argon2id table, Fyne's
// fonts, the register's first rows), each cycle scanning it again
// alongside the main thread on a machine with two cores. Nothing of that
// needs collecting before the window is up; afterwards, the collector
// frees it at once.
package startgc

import (
	"runtime/debug"
	"sync"
	"time"
)

// ceiling is the heap at which the collector runs even while held back:
// a start that allocates far more than a normal one (filling a new demo
// register) is collected as usual.
const ceiling = 256 << 20

// HoldBack turns the collector off, apart from the ceiling, until release
// is called or most has passed, whichever comes first; release may be
// called any number of times, from any goroutine.
func HoldBack(most time.Duration) (release func()) {
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(ceiling)
	var once sync.Once
	release = func() {
		once.Do(func() {
			debug.SetGCPercent(percent)
			debug.SetMemoryLimit(limit)
		})
	}
	time.AfterFunc(most, release)
	return release
}

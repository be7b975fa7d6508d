package ui

import (
	"sync"
	"time"
)

// idleTrimDelay is how long the window must have had no background work
// before the trim runs: long enough that scrolling (a load every few
// frames) never triggers it, short enough that it runs when the user stops.
const idleTrimDelay = time.Second

// idleTrim calls trim once after a burst of pokes has been quiet for
// delay. The runner pokes it after each background task, so that the
// memory a burst of work left free is given back when the burst ends:
// scrolling the register end to end reads and draws thousands of rows,
// and the Go runtime would otherwise keep the ~30 MB it freed for reuse.
type idleTrim struct {
	delay time.Duration
	trim  func()
	mu    sync.Mutex
	timer *time.Timer
}

func newIdleTrim(delay time.Duration, trim func()) *idleTrim {
	return &idleTrim{delay: delay, trim: trim}
}

// poke restarts the quiet period.
func (t *idleTrim) poke() {
	if t == nil || t.trim == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.timer == nil {
		t.timer = time.AfterFunc(t.delay, t.trim)
		return
	}
	t.timer.Reset(t.delay)
}

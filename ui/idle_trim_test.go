package ui

import (
	"sync/atomic"
	"testing"
	"time"
)

// A burst of background work trims once, after it has gone quiet; work
// that keeps coming puts the trim off.
func TestIdleTrimRunsOnceAfterTheBurst(t *testing.T) {
	var trims atomic.Int32
	done := make(chan struct{}, 4)
	it := newIdleTrim(300*time.Millisecond, func() { trims.Add(1); done <- struct{}{} })
	r := newRunner(func(f func()) { f() })
	r.idle = it
	start := time.Now()
	for i := 0; i < 20; i++ {
		r.background(func() func() { return nil })
	}
	// Keep poking for longer than the delay: the trim must wait.
	for time.Since(start) < 600*time.Millisecond {
		it.poke()
		time.Sleep(20 * time.Millisecond)
	}
	if n := trims.Load(); n != 0 {
		t.Fatalf("trimmed %d times while work was still coming", n)
	}
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("never trimmed after the work stopped")
	}
	time.Sleep(time.Second)
	if n := trims.Load(); n != 1 {
		t.Fatalf("trimmed %d times for one burst", n)
	}
}

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
	it := newIdleTrim(50*time.Millisecond, func() { trims.Add(1); done <- struct{}{} })
	r := newRunner(func(f func()) { f() })
	r.idle = it
	for i := 0; i < 10; i++ {
		r.background(func() func() { return nil })
		time.Sleep(10 * time.Millisecond)
	}
	if n := trims.Load(); n != 0 {
		t.Fatalf("trimmed %d times while work was still coming", n)
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("never trimmed after the work stopped")
	}
	time.Sleep(100 * time.Millisecond)
	if n := trims.Load(); n != 1 {
		t.Fatalf("trimmed %d times for one burst", n)
	}
}

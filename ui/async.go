package ui

import (
	"sync"
	"sync/atomic"
)

// runner runs slow work (database reads for the register) off the main
// goroutine and hands the result back to it. In the program post is
// fyne.Do; tests post into a queue they drain themselves, so that widgets
// are only ever touched from one goroutine and a test can wait until every
// load has landed.
type runner struct {
	post       func(func())
	inFlight   atomic.Int64
	idle       *idleTrim   // poked after each task; nil in tests
	oneAtATime *sync.Mutex // the program's: results land one at a time; nil in tests
}

// exclusive runs f while no result is landing (in the program; in tests,
// whose queue is drained by one goroutine, it just runs f).
func (r *runner) exclusive(f func()) {
	if r.oneAtATime != nil {
		r.oneAtATime.Lock()
		defer r.oneAtATime.Unlock()
	}
	f()
}

func newRunner(post func(func())) *runner { return &runner{post: post} }

// background runs work on its own goroutine; the func it returns (if any)
// runs afterwards on the main goroutine.
func (r *runner) background(work func() (apply func())) {
	r.inFlight.Add(1)
	go func() {
		defer r.inFlight.Add(-1)
		if apply := work(); apply != nil {
			r.post(apply)
		}
		r.idle.poke()
	}()
}

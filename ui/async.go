package ui

import (
	"context"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
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

// loadFor reads what a window shows off the main goroutine and hands it to
// show on the main goroutine, so a window opens at once (with its
// "Loading…" placeholder) and fills in when the answer lands. Through a
// committee server the read is a request: past busyDelay the window says
// it is waiting for the server (desk.busy); a server that cannot be
// reached is said over win and asked again until it answers (desk.load);
// any other failure lands in a dialog over win. On a register file the
// read runs the same way without the wait dialog, as the register's pages
// always have.
func loadFor[T any](d *desk, win fyne.Window, read func(ctx context.Context) (T, error), show func(T)) {
	loadForSaying(d, win, nil, read, show)
}

// loadForSaying is loadFor with where the window says that the server
// cannot be reached (say nil: a note over win), usually its "Loading…"
// placeholder (sayIn).
func loadForSaying[T any](d *desk, win fyne.Window, say func(string), read func(ctx context.Context) (T, error), show func(T)) {
	start := d.inBackground
	if d.opt.Server != "" {
		start = func(work func() error, landed func(error)) { d.busy(win, lang.L("Loading…"), work, landed) }
	}
	d.loadVia(win, say, nil, func() (func(), error) {
		got, err := read(context.Background())
		return func() {
			if err != nil {
				showError(err, win)
				return
			}
			show(got)
		}, err
	}, start)
}

// loadingText is the placeholder a window shows until its data lands.
func loadingText() *widget.Label { return widget.NewLabel(lang.L("Loading…")) }

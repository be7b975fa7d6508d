package ui

import (
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// loadRetryDelays are the pauses before a window reads again what the
// committee server could not be asked for: 1, 2, 4, 8 s, then the last
// one over and over, as the change feed does (changes.go). A variable so
// that tests need not wait.
var loadRetryDelays = []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 10 * time.Second}

// tryingAgainText is what a window says while the committee server at
// server cannot be reached for what it shows: nothing was being saved,
// and the window reads again by itself when the server answers.
func tryingAgainText(server string) string {
	return lang.L("The committee server at {{.Server}} cannot be reached. Trying again…", map[string]any{"Server": server})
}

// unreachableIn is the first of errs that says the committee server
// cannot be reached, or nil: a load that gathers several answers and
// shows the other failures in place asks again only for this one.
func unreachableIn(errs ...error) error {
	for _, err := range errs {
		var u unreachable
		if errors.As(err, &u) {
			return err
		}
	}
	return nil
}

// pendingLoad is a read waiting for its next try.
type pendingLoad struct {
	timer *time.Timer
	again func() // on the main goroutine
}

// load runs read off the main goroutine and the apply it returns on the
// main goroutine, as runner.background does — except when read's error
// says the committee server cannot be reached: then apply is not run (the
// window keeps what it shows), say shows tryingAgainText in the window's
// problem line or placeholder (say nil: a note over win), and the same
// read is made again after loadRetryDelays, until the server answers;
// then say("") clears the sentence and apply runs. It stops when win is
// closed (win nil: never), or when wanted (if set) says on the main
// goroutine that a newer load took this one's place. Other errors reach
// apply, which shows them as before; they are not read again.
func (d *desk) load(win fyne.Window, say func(string), wanted func() bool, read func() (apply func(), err error)) {
	d.loadVia(win, say, wanted, read, d.inBackground)
}

// inBackground runs work off the main goroutine and landed on it.
func (d *desk) inBackground(work func() error, landed func(error)) {
	d.run.background(func() func() {
		err := work()
		return func() { landed(err) }
	})
}

// loadVia is load with the way each try is run: in the background, or
// through desk.busy, which says past busyDelay that the window waits.
func (d *desk) loadVia(win fyne.Window, say func(string), wanted func() bool, read func() (func(), error),
	start func(work func() error, landed func(error))) {
	var note dialog.Dialog
	gaveUp := false // the user closed the note: the window stops asking
	if say == nil {
		say = func(text string) { note = d.sayOver(win, note, text, func() { gaveUp = true }) }
		if wanted == nil {
			wanted = func() bool { return true }
		}
		w := wanted
		wanted = func() bool { return !gaveUp && w() }
	}
	tries := 0
	var try func()
	try = func() {
		var apply func()
		start(func() error {
			var err error
			apply, err = read()
			return err
		}, func(err error) {
			if !d.stillWanted(win, wanted) {
				return
			}
			var u unreachable
			if errors.As(err, &u) {
				say(tryingAgainText(u.Unreachable()))
				d.loadAgainLater(win, wanted, loadRetryDelays[min(tries, len(loadRetryDelays)-1)], try)
				tries++
				return
			}
			if tries > 0 {
				say("")
			}
			tries = 0
			if apply != nil {
				apply()
			}
		})
	}
	try()
}

// stillWanted says whether a load's answer is still awaited: its window
// is open and no newer load took its place.
func (d *desk) stillWanted(win fyne.Window, wanted func() bool) bool {
	if wanted != nil && !wanted() {
		return false
	}
	if win == nil {
		return true
	}
	for _, w := range d.app.Driver().AllWindows() {
		if w == win {
			return true
		}
	}
	return false
}

// loadAgainLater runs again on the main goroutine after pause, or at once
// when the change feed hears the server again (readAgainNow).
func (d *desk) loadAgainLater(win fyne.Window, wanted func() bool, pause time.Duration, again func()) {
	p := &pendingLoad{}
	p.again = func() {
		if d.pending[p] {
			delete(d.pending, p)
			if d.stillWanted(win, wanted) {
				again()
			}
		}
	}
	if d.pending == nil {
		d.pending = map[*pendingLoad]bool{}
	}
	d.pending[p] = true
	p.timer = time.AfterFunc(pause, func() { d.run.post(p.again) })
}

// readAgainNow makes every load waiting for the server try again at once:
// the change feed just heard it answer.
func (d *desk) readAgainNow() {
	for p := range d.pending {
		p.timer.Stop()
		p.again()
	}
}

// sayOver shows text in a note over win, for windows without a line of
// their own for it, and returns the note: the one already shown stays
// (a retry that fails again says nothing new); text "" hides it. The
// user closing the note calls giveUp: what was asked is no longer awaited.
func (d *desk) sayOver(win fyne.Window, note dialog.Dialog, text string, giveUp func()) dialog.Dialog {
	if text == "" || win == nil {
		if note != nil {
			note.Hide()
		}
		return nil
	}
	if note != nil {
		return note
	}
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	n := dialog.NewCustomWithoutButtons(lang.L("Loading…"), l, win)
	n.SetButtons([]fyne.CanvasObject{widget.NewButton(lang.L("Close"), func() { giveUp(); n.Hide() })})
	n.Resize(fyne.NewSize(420, 180))
	n.Show()
	return n
}

// sayIn is a say for load that shows the sentence in placeholder (the
// "Loading…" a window shows until its data lands) and in line, if set;
// "" puts "Loading…" back.
func sayIn(placeholder *widget.Label, line func(string)) func(string) {
	return func(text string) {
		if line != nil {
			line(text)
		}
		if placeholder == nil {
			return
		}
		if text == "" {
			text = lang.L("Loading…")
		}
		placeholder.SetText(text)
	}
}

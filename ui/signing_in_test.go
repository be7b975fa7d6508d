package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// With a user named on the command line the window opens before the
// password check ends, saying who is being signed in once on screen; the register then
// fills the same window. A refused sign-in is said in the window, with a
// way out, and reported for the exit status; no register is shown.
func TestTheWindowOpensWhileTheSignInRuns(t *testing.T) {
	h := newHarness(t, Options{})
	h.seed(3)
	release := make(chan struct{})
	failed := make(chan error, 1)
	// The window's changes land in the harness's queue, which this
	// goroutine drains: the widgets are only touched from here.
	run := newRunner(h.queue.post)
	s := NewSigningIn(h.app, "sec")
	w := s.Window
	// Started lets the program's garbage collector run again
	// (internal/startgc): once the register is built, or the sign-in
	// refused, never before.
	started := 0
	s.continueOver(h.svc, Options{DBPath: h.d.opt.DBPath, Started: func() { started++ }}, func() (cases.User, error) {
		<-release
		return secretary, nil
	}, func(err error) { failed <- err }, run)
	// The window is made empty (its fonts load meanwhile on another
	// goroutine) and says who is being signed in once on screen.
	if texts := labelTexts(w.Content()); len(texts) != 0 {
		t.Fatalf("before it is shown the window reads %q", texts)
	}
	s.Fill()
	if !contains(labelTexts(w.Content()), "Signing in as sec…") || w.Title() != "Ethics Desk — sign in" {
		t.Fatalf("while the password is checked the window %q reads %q", w.Title(), labelTexts(w.Content()))
	}
	if started != 0 {
		t.Fatal("the collector was let run before the sign-in landed")
	}
	close(release)
	if !h.queue.drain(run, 20*time.Second) {
		t.Fatal("the sign-in and the register's loads did not finish")
	}
	if w.Title() != "Ethics Desk — register.db" {
		t.Fatalf("after the sign-in the window is titled %q", w.Title())
	}
	if started != 1 {
		t.Fatalf("the register window said it was built %d times", started)
	}
	if texts := labelTexts(w.Content()); !contains(texts, "Face recognition at metro gate 2") {
		t.Fatalf("after the sign-in the register reads %q", texts)
	}
	// A window shown only after the register landed keeps the register.
	s.Fill()
	if texts := labelTexts(w.Content()); !contains(texts, "Face recognition at metro gate 2") {
		t.Fatalf("filled after the sign-in, the window reads %q", texts)
	}
	select {
	case err := <-failed:
		t.Fatalf("a sign-in that succeeded was reported as failed: %v", err)
	default:
	}

	refused := errors.New("The user name or the password is not right.")
	run2 := newRunner(h.queue.post)
	s2 := NewSigningIn(h.app, "sec")
	w2 := s2.Window
	s2.continueOver(h.svc, Options{DBPath: h.d.opt.DBPath, Started: func() { started++ }}, func() (cases.User, error) {
		return cases.User{}, refused
	}, func(err error) { failed <- err }, run2)
	if !h.queue.drain(run2, 20*time.Second) {
		t.Fatal("the refused sign-in did not land")
	}
	if started != 2 {
		t.Fatal("a refused sign-in did not let the collector run again")
	}
	select {
	case err := <-failed:
		if err != refused {
			t.Fatalf("the failure reported is %v", err)
		}
	default:
		t.Fatal("a refused sign-in was not reported")
	}
	texts := labelTexts(w2.Content())
	if !contains(texts, refused.Error()) || w2.Title() != "Ethics Desk — sign in" || !hasButton(w2.Content(), "Quit") {
		t.Fatalf("after a refused sign-in the window %q reads %q", w2.Title(), texts)
	}
	if contains(texts, "Face recognition at metro gate 2") {
		t.Fatalf("a refused sign-in shows the register: %q", texts)
	}
}

func hasButton(o fyne.CanvasObject, text string) bool {
	found := false
	visitVisible(o, func(o fyne.CanvasObject) bool {
		if b, ok := o.(*widget.Button); ok && strings.TrimSpace(b.Text) == text {
			found = true
		}
		return !found
	})
	return found
}

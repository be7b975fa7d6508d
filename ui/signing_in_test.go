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
// password check ends, saying who is being signed in; the register then
// fills the same window. A refused sign-in is said in the window, with a
// way out, and reported for the exit status; no register is shown.
func TestTheWindowOpensWhileTheSignInRuns(t *testing.T) {
	h := newHarness(t, Options{})
	h.seed(3)
	release := make(chan struct{})
	failed := make(chan error, 1)
	w := NewMainWindowSigningIn(h.app, h.svc, Options{DBPath: h.d.opt.DBPath}, "sec", func() (cases.User, error) {
		<-release
		return secretary, nil
	}, func(err error) { failed <- err })
	if !contains(labelTexts(w.Content()), "Signing in as sec…") || w.Title() != "Ethics Desk — sign in" {
		t.Fatalf("while the password is checked the window %q reads %q", w.Title(), labelTexts(w.Content()))
	}
	close(release)
	waitFor(t, func() bool { return w.Title() == "Ethics Desk — register.db" }, "the register to fill the window")
	select {
	case err := <-failed:
		t.Fatalf("a sign-in that succeeded was reported as failed: %v", err)
	default:
	}

	refused := errors.New("The user name or the password is not right.")
	w2 := NewMainWindowSigningIn(h.app, h.svc, Options{DBPath: h.d.opt.DBPath}, "sec", func() (cases.User, error) {
		return cases.User{}, refused
	}, func(err error) { failed <- err })
	select {
	case err := <-failed:
		if err != refused {
			t.Fatalf("the failure reported is %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a refused sign-in was not reported")
	}
	texts := labelTexts(w2.Content())
	if !contains(texts, refused.Error()) || w2.Title() != "Ethics Desk — sign in" || !hasButton(w2.Content(), "Quit") {
		t.Fatalf("after a refused sign-in the window %q reads %q", w2.Title(), texts)
	}
}

func waitFor(t *testing.T, ok func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("waited 20 s for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
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

package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
	"ethicsdesk/internal/starttrace"
)

// NewMainWindowSigningIn is NewMainWindow for a user named on the command
// line: the window opens at once, saying who is being signed in, while
// signIn (the password check, argon2id: a tenth of a second of one core)
// runs on another goroutine, and the register fills the same window when
// it succeeds. Opening the window and checking the password no longer wait
// for each other. When signIn fails the window says why, with a Quit
// button, and failed hears the error (for the program's exit status).
func NewMainWindowSigningIn(a fyne.App, svc cases.API, opt Options, userName string, signIn func() (cases.User, error), failed func(error)) fyne.Window {
	s := NewSigningIn(a, userName)
	s.Continue(svc, opt, signIn, failed)
	return s.Window
}

// SigningIn is the window of a user named on the command line, made
// before the register it will show is open: it says who is being signed
// in. Making it measures the first text (Fyne loads its fonts, a tenth of
// a second), which the program does on the main goroutine while another
// opens the register file and checks the password.
type SigningIn struct {
	Window fyne.Window
	app    fyne.App
	status *widget.Label
}

// NewSigningIn makes the window, not yet shown. Call it on the main
// goroutine, then Continue once the register is open.
func NewSigningIn(a fyne.App, userName string) *SigningIn {
	useDeskTheme(a)
	w := newWindowTitled(a, "Ethics Desk — sign in")
	status := widget.NewLabel(lang.L("Signing in as {{.User}}…", map[string]any{"User": userName}))
	status.Wrapping = fyne.TextWrapWord
	w.SetContent(container.NewVBox(status))
	w.Resize(registerWindowSize)
	return &SigningIn{Window: w, app: a, status: status}
}

// Continue waits for signIn off the main goroutine and then fills the
// window with svc's register for the user, or says why the sign-in failed
// (failed hears it too).
func (s *SigningIn) Continue(svc cases.API, opt Options, signIn func() (cases.User, error), failed func(error)) {
	s.continueOver(svc, opt, signIn, failed, newProgramRunner(opt))
}

// continueOver is Continue over run, which carries the sign-in and then
// the register's loads: the sign-in's result lands like any load (one at
// a time, on the main goroutine in the program), and a test whose runner
// posts into its own queue runs every widget change on its own goroutine
// and can wait until all of them have landed.
func (s *SigningIn) continueOver(svc cases.API, opt Options, signIn func() (cases.User, error), failed func(error), run *runner) {
	a, w, status := s.app, s.Window, s.status
	run.background(func() func() {
		actor, err := signIn()
		var types []cases.CaseType
		if err == nil {
			// Read here, off the window's goroutine, as the sign-in
			// window does: the register names each row's type from it.
			types, _ = svc.CaseTypes(context.Background())
		}
		// The runner lands this alone (run.exclusive), as it lands
		// every load.
		return func() {
			if err != nil {
				failed(err)
				status.SetText(err.Error())
				status.Importance = widget.DangerImportance
				w.SetContent(container.NewBorder(nil, container.NewHBox(widget.NewButton(lang.L("Quit"), a.Quit)), nil, nil, status))
				return
			}
			d := newDeskKnowing(a, svc, actor, opt, run, types)
			d.applyLanguageChoice()
			d.openRegisterIn(w)
			starttrace.Mark("register window built")
			if opt.FollowChanges {
				d.follow()
			}
		}
	})
}

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
	return newSigningInWindow(a, svc, opt, userName, signIn, failed, newProgramRunner(opt))
}

// newSigningInWindow is NewMainWindowSigningIn over run, which carries the
// sign-in and then the register's loads: the sign-in's result lands like
// any load (one at a time, on the main goroutine in the program), and a
// test whose runner posts into its own queue runs every widget change on
// its own goroutine and can wait until all of them have landed.
func newSigningInWindow(a fyne.App, svc cases.API, opt Options, userName string, signIn func() (cases.User, error), failed func(error), run *runner) fyne.Window {
	useDeskTheme(a)
	w := newWindowTitled(a, "Ethics Desk — sign in")
	status := widget.NewLabel(lang.L("Signing in as {{.User}}…", map[string]any{"User": userName}))
	status.Wrapping = fyne.TextWrapWord
	w.SetContent(container.NewVBox(status))
	w.Resize(registerWindowSize)
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
	return w
}

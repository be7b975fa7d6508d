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

// SigningIn is the window of a user named on the command line, made
// before the register it will show is open: it says who is being signed
// in. It is created empty, and Fyne's fonts load on another goroutine
// meanwhile (loadFontsAhead): measuring the first text loaded them on the
// main goroutine before the window could be created, 50–60 ms. Fill puts
// the text in once the window is on screen.
type SigningIn struct {
	Window   fyne.Window
	app      fyne.App
	userName string
	// fontsLoaded waits for loadFontsAhead; nothing in the window may be
	// measured before.
	fontsLoaded func()
	// filled: the register, or why the sign-in failed, is in the window
	// (touched on the main goroutine only).
	filled bool
}

// NewSigningIn makes the window, not yet shown and empty. Call it on the
// main goroutine, then Continue once the register is open, and Fill once
// the window is on screen or before anything else is put in it.
func NewSigningIn(a fyne.App, userName string) *SigningIn {
	useDeskTheme(a)
	fontsLoaded := loadFontsAhead()
	// No widget is made until the fonts are loaded: nothing here
	// measures text.
	w := newWindowTitled(a, "Ethics Desk — sign in")
	w.SetContent(container.NewStack())
	w.Resize(registerWindowSize)
	return &SigningIn{Window: w, app: a, userName: userName, fontsLoaded: fontsLoaded}
}

// statusLabel is a wrapped label saying text.
func statusLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// Fill says in the window who is being signed in, unless the register
// (or why the sign-in failed) is there already. It waits for the fonts.
// Call it on the main goroutine.
func (s *SigningIn) Fill() {
	s.fontsLoaded()
	if !s.filled {
		s.Window.SetContent(container.NewVBox(statusLabel(lang.L("Signing in as {{.User}}…", map[string]any{"User": s.userName}))))
	}
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
	a, w := s.app, s.Window
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
			s.fontsLoaded()
			s.filled = true
			if opt.Started != nil {
				defer opt.Started()
			}
			if err != nil {
				failed(err)
				status := statusLabel(err.Error())
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

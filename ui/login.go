package ui

import (
	"context"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// loginScreen is the first window: sign in, or, on a register with no
// accounts yet, create its administrator.
type loginScreen struct {
	types []cases.CaseType // the case types, read with the sign-in for the desk it opens
	app   fyne.App
	svc   cases.API
	opt   Options
	run   *runner
	win   fyne.Window
	first bool // no account exists: the form creates the administrator

	username, displayName *widget.Entry
	password, repeat      *widget.Entry
	submit                *widget.Button
	message               *widget.Label
	onSignedIn            func(u cases.User) // opens the register; replaced in tests
	signedIn              *desk              // the session opened, for tests
	server                *serverChoice      // connecting to a committee server (ui/login_server.go)
}

// NewStartWindow is the window main shows first: the sign-in screen, which
// opens the register window for the user who signs in.
func NewStartWindow(a fyne.App, svc cases.API, opt Options) fyne.Window {
	useDeskTheme(a)
	ls := newLoginScreen(a, svc, opt, newProgramRunner(opt))
	return ls.win
}

func newLoginScreen(a fyne.App, svc cases.API, opt Options, run *runner) *loginScreen {
	return newLoginScreenIn(a, svc, opt, run, nil)
}

// newLoginScreenIn shows the sign-in screen in win, the register window of
// a session just signed out of (nil: a new window); the next session's
// register opens in the same window, so the program never quits between.
func newLoginScreenIn(a fyne.App, svc cases.API, opt Options, run *runner, win fyne.Window) *loginScreen {
	has, err := svc.HasUsers(context.Background())
	return newLoginScreenKnowing(a, svc, opt, run, win, err == nil && !has)
}

// newLoginScreenKnowing is newLoginScreenIn when whether the register has
// accounts is known already (first: it has none).
func newLoginScreenKnowing(a fyne.App, svc cases.API, opt Options, run *runner, win fyne.Window, first bool) *loginScreen {
	ls := &loginScreen{app: a, svc: svc, opt: opt, run: run, win: win, first: first}
	if ls.win == nil {
		ls.win = newWindowTitled(a, "Ethics Desk — sign in")
	} else {
		ls.win.SetTitle(lang.L("Ethics Desk — sign in"))
		ls.win.SetMainMenu(nil)
		ls.win.Canvas().SetOnTypedKey(nil)
	}
	reuse := win != nil
	ls.onSignedIn = func(u cases.User) {
		d := newDeskKnowing(a, svc, u, opt, run, ls.types)
		ls.signedIn = d
		if opt.FollowChanges {
			defer d.follow()
		}
		if reuse {
			d.openRegisterIn(ls.win)
			d.lock = startLock(d)
			return
		}
		d.openRegister().win.Show()
		d.lock = startLock(d)
		ls.win.Close()
	}
	ls.build()
	ls.win.Resize(fyne.NewSize(460, 300))
	return ls
}

func (ls *loginScreen) build() {
	ls.username = widget.NewEntry()
	ls.displayName = widget.NewEntry()
	ls.password = widget.NewPasswordEntry()
	ls.repeat = widget.NewPasswordEntry()
	ls.message = widget.NewLabel("")
	ls.message.Wrapping = fyne.TextWrapWord
	ls.message.Importance = widget.DangerImportance
	ls.password.OnSubmitted = func(string) { ls.doSubmit() }
	ls.repeat.OnSubmitted = func(string) { ls.doSubmit() }
	form := widget.NewForm(widget.NewFormItem(lang.L("User name"), ls.username))
	intro := widget.NewLabel(lang.L("Sign in to the register."))
	if ls.first {
		intro.SetText(lang.L("This register has no accounts yet. Create the administrator's account: it manages the other accounts and the settings."))
		form.Append(lang.L("Full name"), ls.displayName)
		form.Append(lang.L("Password"), ls.password)
		form.Append(lang.L("Repeat password"), ls.repeat)
		ls.submit = widget.NewButton(lang.L("Create administrator"), ls.doSubmit)
	} else {
		form.Append(lang.L("Password"), ls.password)
		ls.submit = widget.NewButton(lang.L("Sign in"), ls.doSubmit)
	}
	intro.Wrapping = fyne.TextWrapWord
	ls.submit.Importance = widget.HighImportance
	title := widget.NewLabel(lang.L("Ethics Desk"))
	title.TextStyle = fyne.TextStyle{Bold: true}
	file := widget.NewLabel(filepath.Base(ls.opt.DBPath))
	file.Importance = widget.LowImportance
	top := []fyne.CanvasObject{container.NewHBox(title, file), intro}
	if ls.opt.Demo && !ls.first {
		hint := widget.NewLabel(lang.L("Demonstration register: sign in as secretary, chair, member or admin, with the password ethicsdesk-demo."))
		hint.Wrapping = fyne.TextWrapWord
		hint.Importance = widget.HighImportance
		top = append(top, hint)
	}
	ls.username.SetText(ls.opt.SignInAs)
	rows := append(top, form, ls.submit, ls.message)
	if ls.opt.Servers != nil {
		rows = append(rows, ls.serverButtons())
	}
	ls.win.SetContent(container.NewVBox(rows...))
	ls.win.Resize(fyne.NewSize(460, 0))
	ls.win.Canvas().Focus(ls.username)
}

// doSubmit signs in (or creates the administrator) off the main
// goroutine: hashing takes a fraction of a second, and over a committee
// server it is a request. The message says what failed.
func (ls *loginScreen) doSubmit() {
	if ls.first && ls.password.Text != ls.repeat.Text {
		ls.message.SetText(lang.L("The two passwords are not the same."))
		return
	}
	first, username, displayName, password := ls.first, ls.username.Text, ls.displayName.Text, ls.password.Text
	ls.password.SetText("")
	ls.repeat.SetText("")
	ls.submit.Disable() // one sign-in at a time
	ls.run.background(func() func() {
		ctx := context.Background()
		var u cases.User
		var err error
		if first {
			u, err = ls.svc.Bootstrap(ctx, username, displayName, password)
		} else {
			u, err = ls.svc.Login(ctx, username, password)
		}
		// The case types the windows name are read here too, off the
		// main goroutine, for the desk the sign-in opens.
		var types []cases.CaseType
		if err == nil {
			types, _ = ls.svc.CaseTypes(ctx)
		}
		return func() {
			ls.submit.Enable()
			ls.types = types
			ls.signedInAs(u, err)
		}
	})
}

// signedInAs opens the register for u, or says why signing in failed.
func (ls *loginScreen) signedInAs(u cases.User, err error) {
	if err != nil {
		ls.message.SetText(connectionText(err))
		return
	}
	ls.message.SetText("")
	ls.onSignedIn(u)
}

// errorText is a service error as the user reads it; field errors are
// joined into one sentence list.
func errorText(err error) string {
	if fe, ok := err.(cases.FieldErrors); ok {
		s := ""
		for _, msg := range fe {
			if s != "" {
				s += " "
			}
			s += domainText(msg)
		}
		return s
	}
	return domainText(err.Error())
}

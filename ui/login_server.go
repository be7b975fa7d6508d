package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// Servers reaches committee servers for the sign-in screen; the program
// passes app.Servers (the window knows no transport).
type Servers interface {
	// Connect returns the register at address when this computer trusts
	// a root for it already; otherwise no register and the fingerprint of
	// the root the server presents, to be compared before Trust.
	Connect(ctx context.Context, address string) (cases.API, string, error)
	// Trust remembers the root with fingerprint for address and connects.
	Trust(ctx context.Context, address, fingerprint string) (cases.API, error)
	// Enrol reads an enrolment file, remembers what it names and connects;
	// it returns the server's address and the user it was made for.
	Enrol(ctx context.Context, path string) (api cases.API, address, user string, err error)
}

// serverChoice is the sign-in screen's way to a committee server: the
// address typed, and the fingerprint waiting to be accepted.
type serverChoice struct {
	address     *widget.Entry
	fingerprint string        // the root's, shown for comparison; "" when none waits
	trust       dialog.Dialog // the dialog asking to compare it
	next        *loginScreen  // the sign-in screen on the server, once connected
}

// serverButtons are "Committee server…" and "Open enrolment file…".
func (ls *loginScreen) serverButtons() fyne.CanvasObject {
	ls.server = &serverChoice{address: widget.NewEntry()}
	ls.server.address.SetPlaceHolder("https://ethics.example:8443")
	ls.server.address.SetText(ls.opt.Server)
	choose := widget.NewButtonWithIcon(lang.L("Committee server…"), theme.ComputerIcon(), func() {
		dialog.ShowForm(lang.L("Committee server"), lang.L("Connect"), lang.L("Cancel"),
			[]*widget.FormItem{widget.NewFormItem(lang.L("Address"), ls.server.address)},
			func(ok bool) {
				if ok {
					ls.connectTo(ls.server.address.Text)
				}
			}, ls.win)
	})
	enrol := widget.NewButtonWithIcon(lang.L("Open enrolment file…"), theme.FolderOpenIcon(), func() {
		dialog.ShowFileOpen(func(rc fyne.URIReadCloser, err error) {
			if err != nil || rc == nil {
				return
			}
			path := rc.URI().Path()
			rc.Close()
			ls.enrolFrom(path)
		}, ls.win)
	})
	return container.NewHBox(choose, enrol)
}

// connectTo connects to the server at address off the main goroutine:
// straight to its sign-in screen when its root is trusted here, else
// after the user compared and accepted the root's fingerprint.
func (ls *loginScreen) connectTo(address string) {
	ls.message.SetText(lang.L("Connecting to {{.Server}}…", map[string]any{"Server": address}))
	ls.run.background(func() func() {
		ctx := context.Background()
		api, fingerprint, err := ls.opt.Servers.Connect(ctx, address)
		var has bool
		if err == nil && api != nil {
			has, err = api.HasUsers(ctx) // proves the server chains to the trusted root
		}
		return func() {
			switch {
			case err != nil:
				ls.message.SetText(connectionText(err))
			case api == nil:
				ls.askTrust(address, fingerprint)
			default:
				ls.openOn(api, address, "", has)
			}
		}
	})
}

// askTrust shows the root's fingerprint of a server met for the first
// time, to compare with the administrator's; Trust remembers it.
func (ls *loginScreen) askTrust(address, fingerprint string) {
	ls.message.SetText("")
	ls.server.fingerprint = fingerprint
	text := widget.NewLabel(lang.L("This computer has not connected to {{.Server}} before. The server presents the committee root with this SHA-256 fingerprint:", map[string]any{"Server": address}))
	text.Wrapping = fyne.TextWrapWord
	fp := widget.NewLabel(fingerprint)
	fp.TextStyle = fyne.TextStyle{Monospace: true}
	fp.Wrapping = fyne.TextWrapBreak
	hint := widget.NewLabel(lang.L("Compare it with the fingerprint the administrator gave you. Trust the server only if they are the same; it is remembered for this address."))
	hint.Wrapping = fyne.TextWrapWord
	ls.server.trust = dialog.NewCustomConfirm(lang.L("Committee server"), lang.L("Trust"), lang.L("Cancel"),
		container.NewVBox(text, fp, hint), func(ok bool) {
			if ok {
				ls.trust(address, fingerprint)
			} else {
				ls.server.fingerprint = ""
			}
		}, ls.win)
	ls.server.trust.Resize(fyne.NewSize(560, 300))
	ls.server.trust.Show()
}

// trust remembers the accepted root and connects, off the main goroutine.
func (ls *loginScreen) trust(address, fingerprint string) {
	ls.message.SetText(lang.L("Connecting to {{.Server}}…", map[string]any{"Server": address}))
	ls.run.background(func() func() {
		ctx := context.Background()
		api, err := ls.opt.Servers.Trust(ctx, address, fingerprint)
		var has bool
		if err == nil {
			has, err = api.HasUsers(ctx)
		}
		return func() {
			ls.server.fingerprint = ""
			if err != nil {
				ls.message.SetText(connectionText(err))
				return
			}
			ls.openOn(api, address, "", has)
		}
	})
}

// enrolFrom takes an enrolment file: its server and root are remembered
// and its sign-in screen opens with the user name filled in.
func (ls *loginScreen) enrolFrom(path string) {
	ls.run.background(func() func() {
		ctx := context.Background()
		api, address, user, err := ls.opt.Servers.Enrol(ctx, path)
		var has bool
		if err == nil {
			has, err = api.HasUsers(ctx)
		}
		return func() {
			if err != nil {
				ls.message.SetText(connectionText(err))
				return
			}
			ls.openOn(api, address, user, has)
		}
	})
}

// openOn replaces this screen by the sign-in screen of the committee
// server at address, in the same window.
func (ls *loginScreen) openOn(api cases.API, address, user string, has bool) {
	opt := ls.opt
	opt.DBPath, opt.Server, opt.SignInAs = address, address, user
	opt.ReadOnly, opt.Demo, opt.BackupDir = false, false, ""
	ls.server.next = newLoginScreenKnowing(ls.app, api, opt, ls.run, ls.win, !has)
}

// connectionText is a failure to connect as the user reads it.
func connectionText(err error) string {
	var u unreachable
	if asUnreachable(err, &u) {
		return lang.L("The committee server at {{.Server}} cannot be reached. Check the address and the network, and try again.", map[string]any{"Server": u.Unreachable()})
	}
	return errorText(err)
}

package ui

import (
	"reflect"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
)

// signOutItem is File › Sign out.
func (r *registerWindow) signOutItem() *fyne.MenuItem {
	return fyne.NewMenuItem(lang.L("Sign out"), r.d.signOut)
}

// signOut ends the session without quitting: the other windows close, and
// the register window shows the sign-in screen. Unsaved work stops it,
// with a sentence saying where.
func (d *desk) signOut() {
	r := d.register
	if r == nil {
		return
	}
	if d.unsavedWork() {
		dialog.ShowInformation(lang.L("Sign out"), lang.L("An opinion or a case form has unsaved changes. Save or close it first, then sign out."), r.win)
		return
	}
	if d.lock != nil {
		d.lock.stopped = true
	}
	d.stopFollow()
	// A copy: closing a window changes the driver's list.
	others := append([]fyne.Window(nil), d.app.Driver().AllWindows()...)
	for _, w := range others {
		if w != nil && w != r.win {
			w.Close()
		}
	}
	d.caseWins, d.opinionWins = map[int64]*caseWindow{}, nil
	d.register = nil
	// The register has accounts (one was just signed in): no need to ask
	// it, which over a committee server would be a request on this goroutine.
	d.signedOutTo = newLoginScreenKnowing(d.app, d.svc, d.opt, d.run, r.win, false)
}

// unsavedWork is true while an opinion editor or a case form holds
// changes not yet saved.
func (d *desk) unsavedWork() bool {
	for _, ed := range d.opinionWins {
		if ed != nil && ed.dirty {
			return true
		}
	}
	if f := d.lastForm; f != nil && !f.closed && f.changed() {
		return true
	}
	return false
}

// changed is true when the form holds something not saved.
func (f *caseForm) changed() bool { return !reflect.DeepEqual(f.draft(), f.initial) }

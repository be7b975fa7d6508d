package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"ethicsdesk/assets"
)

// domainText is a sentence from the domain (cases' errors and field
// messages are plain English) in the window's language when the
// translation files carry it; a sentence built with values, such as a
// length or a name, is shown as it came.
func domainText(s string) string {
	if s != "" && assets.Has(s) {
		return lang.L(s)
	}
	return s
}

// showError shows err in a dialog over win, in the window's language when
// the translations know its sentence.
func showError(err error, win fyne.Window) {
	if err == nil {
		return
	}
	var u unreachable
	if errors.As(err, &u) {
		err = errors.New(unreachableText(u.Unreachable()))
	} else if t := domainText(err.Error()); t != err.Error() {
		err = errors.New(t)
	}
	dialog.ShowError(err, win)
}

package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"ethicsdesk/assets"
)

// domainText is a sentence from the domain (cases' errors and field
// messages are plain English) in the window's language: a fixed sentence
// by its key, a sentence built with values — a length, a name, a
// reference — by its template (assets.Sentence); one the translation
// files do not know is shown as it came.
func domainText(s string) string {
	return assets.Sentence(s)
}

// showError shows err in a dialog over win, in the window's language when
// the translations know its sentence.
func showError(err error, win fyne.Window) {
	if err == nil {
		return
	}
	dialog.ShowError(errors.New(userText(err)), win)
}

// userText is err as the user reads it: the committee server's "cannot be
// reached" sentence, or the domain's sentence in the window's language.
func userText(err error) string {
	var u unreachable
	if errors.As(err, &u) {
		return unreachableText(u.Unreachable())
	}
	return domainText(err.Error())
}

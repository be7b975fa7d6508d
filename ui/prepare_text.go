package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// PrepareText loads the faces the register window draws its text with
// (regular and bold, each with the system font Fyne adds for the user's
// language), so that a caller with other work to wait for — the password
// check at sign-in — can have it done meanwhile instead of while the first
// window is built.
// It may run on any goroutine once the window's theme is set (the callers
// set it on the main goroutine first): it only measures.
func PrepareText(a fyne.App) {
	for _, s := range []fyne.TextStyle{{}, {Bold: true}} {
		fyne.MeasureText("Ag", theme.TextSize(), s)
	}
}

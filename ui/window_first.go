package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"ethicsdesk/assets"
)

// newWindowTitled makes a window titled with the translation of key. The
// window is made before the translations are waited for: the program's
// first window starts the graphics (tens of milliseconds), and the
// translations load meanwhile on another goroutine
// (assets.PreloadTranslations). Nothing is translated before they are in.
func newWindowTitled(a fyne.App, key string) fyne.Window {
	w := a.NewWindow("Ethics Desk") // not shown: the title is set before the window is
	w.SetTitle(translatedTitle(key))
	return w
}

// translatedTitle waits for the translations, then translates key.
func translatedTitle(key string) string {
	assets.WaitTranslations()
	return lang.L(key)
}

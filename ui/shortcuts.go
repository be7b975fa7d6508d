package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

var (
	shortcutNewCase = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutFind    = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
)

// addShortcuts registers the same shortcuts on the canvas, for drivers
// that show no main menu.
func (r *registerWindow) addShortcuts() {
	c := r.win.Canvas()
	c.AddShortcut(shortcutNewCase, func(fyne.Shortcut) { r.showIntake() })
	c.AddShortcut(shortcutFind, func(fyne.Shortcut) { r.focusSearch() })
}

func (r *registerWindow) focusSearch() {
	r.win.Canvas().Focus(r.filters.search)
}

// closeOnEscape makes Esc close the dialog on top of w, or if there is
// none call close (nil: nothing more). It applies when no text box has the
// focus; a focused text box gets Esc itself (see escEntry).
func closeOnEscape(w fyne.Window, close func()) {
	w.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name != fyne.KeyEscape {
			return
		}
		if top := w.Canvas().Overlays().Top(); top != nil {
			top.Hide() // a dialog: Esc is its Cancel
			return
		}
		if close != nil {
			close()
		}
	})
}

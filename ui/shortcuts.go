package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"

	"ethicsdesk/cases"
)

var (
	shortcutNewCase = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutFind    = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
)

// mainMenu is File / View / Help. Menu shortcuts fire even while a text
// box has the focus, which plain canvas shortcuts would not.
func (r *registerWindow) mainMenu() *fyne.MainMenu {
	newCase := fyne.NewMenuItem(lang.L("New case…"), r.showIntake)
	newCase.Shortcut = shortcutNewCase
	newCase.Disabled = !r.d.can(cases.ActCreateCase)
	find := fyne.NewMenuItem(lang.L("Find…"), r.focusSearch)
	find.Shortcut = shortcutFind
	refresh := fyne.NewMenuItem(lang.L("Refresh"), r.reload)
	about := fyne.NewMenuItem(lang.L("About Ethics Desk"), func() {
		dialog.ShowInformation(lang.L("About Ethics Desk"),
			lang.L("Ethics Desk keeps the case register of the AI ethics committee and issues its signed opinions."), r.win)
	})
	fromMail := fyne.NewMenuItem(lang.L("New case from e-mail…"), r.chooseMail)
	fromMail.Disabled = !r.d.can(cases.ActCreateCase)
	password := fyne.NewMenuItem(lang.L("Change my password…"), func() { r.showChangePassword() })
	file := fyne.NewMenu(lang.L("File"), newCase, fromMail, fyne.NewMenuItemSeparator(), password, r.languageMenuItem())
	if r.d.opt.Maintenance != nil {
		restore := fyne.NewMenuItem(lang.L("Restore from backup…"), r.restoreFromBackup)
		restore.Disabled = !r.d.actor.Can(cases.ActManageSettings) && !r.d.actor.Can(cases.ActCreateCase)
		file.Items = append(file.Items, fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem(lang.L("Back up now…"), r.backupNow), restore)
	}
	mm := fyne.NewMainMenu(
		file,
		fyne.NewMenu(lang.L("View"), find, refresh),
		r.reportsMenu(),
		r.opinionsMenu(),
		r.committeeMenu(),
		r.administrationMenu(), // empty for other roles, and then dropped
		fyne.NewMenu(lang.L("Help"), about),
	)
	return withoutEmptyMenus(mm)
}

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

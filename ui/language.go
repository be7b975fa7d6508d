package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"ethicsdesk/assets"
)

// languagePreference is where the window keeps a person's choice of
// language: per user of the register, on this computer.
func languagePreference(username string) string {
	return "language." + username
}

// applyLanguageChoice switches to the language the signed-in person chose in
// an earlier session; with no choice the system's language stays.
func (d *desk) applyLanguageChoice() {
	tag := d.app.Preferences().String(languagePreference(d.actor.Username))
	if tag != "" && assets.KnownLanguage(tag) {
		assets.UseLanguage(tag)
	}
}

// languageMenuItem is File › Language: the system's language or one the
// window ships, the current choice ticked.
func (r *registerWindow) languageMenuItem() *fyne.MenuItem {
	current := r.d.app.Preferences().String(languagePreference(r.d.actor.Username))
	choice := func(tag, name string) *fyne.MenuItem {
		mi := fyne.NewMenuItem(name, func() { r.chooseLanguage(tag) })
		mi.Checked = tag == current
		return mi
	}
	items := []*fyne.MenuItem{choice("", lang.L("The system's language"))}
	for _, l := range assets.Languages {
		items = append(items, choice(l.Tag, l.Name))
	}
	item := fyne.NewMenuItem(lang.L("Language"), nil)
	item.ChildMenu = fyne.NewMenu("", items...)
	return item
}

// chooseLanguage remembers the choice and redraws the register in it at
// once. Other open windows keep what is typed in them; they take the new
// language when they are next opened.
func (r *registerWindow) chooseLanguage(tag string) {
	r.d.app.Preferences().SetString(languagePreference(r.d.actor.Username), tag)
	if err := assets.UseLanguage(tag); err != nil {
		showError(err, r.win)
		return
	}
	r.build()
	if len(r.d.caseWins) > 0 || len(r.d.opinionWins) > 0 {
		dialog.ShowInformation(lang.L("Language"),
			lang.L("The windows already open keep their language and everything typed in them; they change when you open them again."), r.win)
	}
}

package cli

import (
	"fyne.io/fyne/v2/lang"

	"ethicsdesk/assets"
)

// inSystemLanguage loads the translations for the system's language (LANG,
// LC_ALL or LANGUAGE) and returns what turns an English text into it: the
// translation when the files carry the text, else the text as it is.
func inSystemLanguage() func(string) string {
	if err := assets.LoadTranslations(); err != nil {
		return func(s string) string { return s }
	}
	return func(s string) string {
		if assets.Has(s) {
			return lang.L(s)
		}
		return s
	}
}

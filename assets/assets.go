// Package assets holds what the program embeds: the translations of the
// window's text, one file per language in translations/ (en.json, whose
// keys are the English text, and zh-Hans.json), following GLOSSARY.md.
// Adding a language is adding a file with the same keys and listing it in
// Languages; no screen changes.
package assets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"ethicsdesk/assets/translations"
)

// LoadTranslations registers every embedded translation file with Fyne's
// lang package. Call it once, before the first window is built; the
// language is then chosen from the system locale (LANG).
func LoadTranslations() error {
	defer forgetSaid()
	var first error
	for _, name := range translations.Names() {
		data, err := translations.File(name)
		if err == nil {
			err = lang.AddTranslations(fyne.NewStaticResource(name, data))
		}
		if err != nil && first == nil {
			first = err
		}
	}
	return first
}

// TranslationFile returns the raw content of one translation file, e.g.
// "en.json", so tests can check that every string the window uses is listed.
func TranslationFile(name string) ([]byte, error) {
	return translations.File(name)
}

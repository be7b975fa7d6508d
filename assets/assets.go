// Package assets holds what the program embeds: the translations of the
// window's text, one file per language in translations/ (en.json, whose
// keys are the English text, and zh-Hans.json), following GLOSSARY.md.
// Adding a language is adding a file with the same keys and listing it in
// Languages; no screen changes.
package assets

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"ethicsdesk/assets/translations"
)

// LoadTranslations registers every embedded translation file with Fyne's
// lang package and makes Fyne choose the language from the environment
// ($LANGUAGE, then the system locale). Call it before the first window is
// built, and again after changing $LANGUAGE (UseLanguage does).
//
// The files are parsed once per process: parsing them (270 KB of JSON,
// every template compiled) took 17–120 ms, and the window's start-up loaded
// them three times (the command line's two writers and the window). Fyne
// chooses the language each time translations are added, so later calls
// add an empty file to make it choose again.
func LoadTranslations() error {
	defer forgetSaid()
	parsed.Do(func() { parseErr = addEveryFile() })
	if parseErr != nil {
		return parseErr
	}
	return lang.AddTranslations(fyne.NewStaticResource("en.json", []byte("{}")))
}

var (
	parsed   sync.Once
	parseErr error
)

func addEveryFile() error {
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

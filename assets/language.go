package assets

import (
	"encoding/json"
	"os"
	"strings"
	"sync"
)

// Language is one language the window can speak.
type Language struct {
	Tag  string // the BCP 47 tag of its translation file, e.g. "zh-Hans"
	Name string // its own name for itself, as a chooser lists it
}

// Languages lists the window's languages in the order a chooser shows them.
var Languages = []Language{
	{Tag: "en", Name: "English"},
	{Tag: "zh-Hans", Name: "简体中文"},
}

// systemLanguage is $LANGUAGE as the process started, so choosing "the
// system's language" again undoes a choice made in Settings.
var systemLanguage, systemLanguageSet = os.LookupEnv("LANGUAGE")

// UseLanguage switches the window's language: tag is one of Languages, or ""
// for the system's (LANG, LC_ALL or LANGUAGE on Linux; what the system
// reports on Windows and macOS). Text drawn afterwards is in that language;
// screens already open keep theirs until they are built again.
//
// Fyne reads the language from the environment each time translations are
// loaded, and $LANGUAGE wins over LANG there, so a choice is made by setting
// it for this process and loading the translations again.
func UseLanguage(tag string) error {
	tag = strings.TrimSpace(tag)
	switch {
	case tag != "":
		os.Setenv("LANGUAGE", tag)
	case systemLanguageSet:
		os.Setenv("LANGUAGE", systemLanguage)
	default:
		os.Unsetenv("LANGUAGE")
	}
	return LoadTranslations()
}

// KnownLanguage reports whether tag names one of Languages ("" included:
// the system's).
func KnownLanguage(tag string) bool {
	if tag == "" {
		return true
	}
	for _, l := range Languages {
		if l.Tag == tag {
			return true
		}
	}
	return false
}

// known is every key of en.json: the texts the window can translate.
// Read when first asked, not at start-up (it is a parse of en.json).
var known = sync.OnceValue(func() map[string]bool {
	raw, err := TranslationFile("en.json")
	if err != nil {
		return nil
	}
	var m map[string]any
	if json.Unmarshal(raw, &m) != nil {
		return nil
	}
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
})

// Has reports whether text has a translation, so that a sentence from the
// domain (an error, a field's message) is translated when the files know it
// and otherwise shown as it is, without asking Fyne for a key it lacks.
func Has(text string) bool { return known()[text] }

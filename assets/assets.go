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
	"github.com/jeandeaual/go-locale"
	"golang.org/x/text/language"

	"ethicsdesk/assets/translations"
)

// LoadTranslations registers the translation file of the language the
// window is to speak with Fyne's lang package and makes Fyne choose the
// language from the environment ($LANGUAGE, then the system locale). Call
// it before the first window is built, and again after changing $LANGUAGE
// (UseLanguage does).
//
// Each file is parsed once per process, and only when its language is
// wanted: parsing one (135 KB of JSON, every template compiled) takes
// about 4 ms, and the window's start-up waited for both. Fyne chooses the
// language each time translations are added, so later calls add an empty
// file to make it choose again.
func LoadTranslations() error {
	loadMu.Lock()
	defer loadMu.Unlock()
	defer forgetSaid()
	if err := addWantedFile(); err != nil {
		return err
	}
	return lang.AddTranslations(fyne.NewStaticResource("en.json", []byte("{}")))
}

// loadMu makes loads, which change Fyne's lang package, one at a time.
var loadMu sync.Mutex

// PreloadTranslations starts LoadTranslations on another goroutine, so that
// the program's start does not wait for it before it starts the graphics;
// WaitTranslations joins it. Nothing may be translated in between.
func PreloadTranslations() {
	pending.Lock()
	defer pending.Unlock()
	done, before := make(chan struct{}), pending.done
	pending.done = done
	go func() {
		if before != nil {
			<-before // the loads end in the order they were started
		}
		err := LoadTranslations()
		pending.Lock()
		pending.err = err
		pending.Unlock()
		close(done)
	}()
}

// WaitTranslations returns once the last PreloadTranslations has ended,
// with its error; with none started, it loads the translations itself.
// Call it before the first text of a window is translated.
func WaitTranslations() error {
	pending.Lock()
	done := pending.done
	pending.Unlock()
	if done == nil {
		return LoadTranslations()
	}
	<-done
	pending.Lock()
	defer pending.Unlock()
	return pending.err
}

// pending is the last load PreloadTranslations started.
var pending struct {
	sync.Mutex
	done chan struct{}
	err  error
}

var (
	filesMu sync.Mutex
	added   = map[string]error{} // translation files given to Fyne, and how that went
)

// addWantedFile gives Fyne the file of the language the environment
// asks for, once; callers meanwhile wait for it.
func addWantedFile() error {
	name := wantedFile()
	filesMu.Lock()
	defer filesMu.Unlock()
	if err, done := added[name]; done {
		return err
	}
	data, err := translations.File(name)
	if err == nil {
		err = lang.AddTranslations(fyne.NewStaticResource(name, data))
	}
	added[name] = err
	return err
}

// wantedFile is the translation file of the one of Languages closest to
// the user's locales, as Fyne chooses among the files it is given (the
// first, English, when none is close).
func wantedFile() string {
	locales, err := locale.GetLocales()
	if err != nil || len(locales) == 0 {
		locales = []string{"en"}
	}
	var want []language.Tag
	for _, l := range locales {
		if t, err := language.Parse(l); err == nil {
			want = append(want, t)
		}
	}
	have := make([]language.Tag, len(Languages))
	for i, l := range Languages {
		have[i] = language.Make(l.Tag)
	}
	_, i, _ := language.NewMatcher(have).Match(want...)
	return Languages[i].Tag + ".json"
}

// TranslationFile returns the raw content of one translation file, e.g.
// "en.json", so tests can check that every string the window uses is listed.
func TranslationFile(name string) ([]byte, error) {
	return translations.File(name)
}

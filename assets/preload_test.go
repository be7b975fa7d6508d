package assets

import (
	"testing"

	"fyne.io/fyne/v2/lang"
)

// The window starts the graphics while the translations load on another
// goroutine; what it translates after waiting is in the system's language,
// each time the program (here, each command of a test) starts in another.
func TestPreloadedTranslationsSpeakTheSystemsLanguage(t *testing.T) {
	t.Cleanup(func() { UseLanguage("") })
	for round, c := range []struct{ locale, cancel string }{
		{"zh_CN.UTF-8", "取消"}, {"en_US.UTF-8", "Cancel"}, {"zh_CN.UTF-8", "取消"},
	} {
		t.Setenv("LANG", c.locale)
		PreloadTranslations()
		PreloadTranslations() // the command line starts one per output; they end in order
		if err := WaitTranslations(); err != nil {
			t.Fatal(err)
		}
		if got := lang.L("Cancel"); got != c.cancel {
			t.Fatalf("round %d, %s: Cancel reads %q after the preload", round, c.locale, got)
		}
	}
}

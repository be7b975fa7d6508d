package assets

import (
	"testing"

	"fyne.io/fyne/v2/lang"
)

// The translation files are parsed once per process, yet every later
// load still makes Fyne choose the language again: a choice made in
// Settings, and going back to the system's, take effect each time, and
// a sentence built with values follows.
func TestLoadingAgainSwitchesTheLanguageEachTime(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	t.Cleanup(func() { UseLanguage("") })
	for round := range 3 {
		if err := UseLanguage("zh-Hans"); err != nil {
			t.Fatal(err)
		}
		if got := lang.L("Cancel"); got != "取消" {
			t.Fatalf("round %d, after choosing Chinese: Cancel reads %q", round, got)
		}
		if got := Sentence("Enter a user name."); got == "Enter a user name." {
			t.Fatalf("round %d, after choosing Chinese: a domain sentence stayed in English", round)
		}
		if err := UseLanguage(""); err != nil {
			t.Fatal(err)
		}
		if got := lang.L("Cancel"); got != "Cancel" {
			t.Fatalf("round %d, back to the system's English: Cancel reads %q", round, got)
		}
		if got := Sentence("Enter a user name."); got != "Enter a user name." {
			t.Fatalf("round %d, back to English: a domain sentence reads %q", round, got)
		}
	}
}

package ui

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"ethicsdesk/assets"
)

// findMenuItem is the item labelled label in the menu titled menu (a
// submenu's items included), in the language shown at the moment.
func findMenuItem(t *testing.T, w fyne.Window, menu, label string) *fyne.MenuItem {
	t.Helper()
	var walk func(items []*fyne.MenuItem) *fyne.MenuItem
	walk = func(items []*fyne.MenuItem) *fyne.MenuItem {
		for _, it := range items {
			if it.Label == label {
				return it
			}
			if it.ChildMenu != nil {
				if found := walk(it.ChildMenu.Items); found != nil {
					return found
				}
			}
		}
		return nil
	}
	for _, m := range w.MainMenu().Items {
		if m.Label == menu {
			if it := walk(m.Items); it != nil {
				return it
			}
		}
	}
	t.Fatalf("no menu item %q under %q", label, menu)
	return nil
}

// latinWord is a word of English left on a screen that should be Chinese.
// References (EC-2026-0001), the names of people and organisations that
// the test cases carry, and units such as PDF are allowed.
var latinWord = regexp.MustCompile(`[A-Za-z]{3,}`)

var allowedLatin = map[string]bool{"Face": true, "recognition": true, "metro": true, "gate": true,
	"Metro": true, "GateFace": true, "Zhang": true, "Wei": true, "PDF": true, "register": true}

// A secretary who reads Chinese first picks 简体中文 in File › Language: the
// register redraws in Chinese at once, with nothing in English but names
// and references, and the choice is still there at the next sign-in.
func TestChoosingChineseRedrawsTheRegisterAndIsRemembered(t *testing.T) {
	h := newHarness(t, Options{})
	t.Cleanup(func() { assets.UseLanguage("") })
	h.seed(3)
	r := h.d.openRegister()
	r.win.Show()
	h.settle()
	if !contains(labelTexts(r.win.Content()), "EC-2026-0003") {
		t.Fatalf("the register shows no case: %v", labelTexts(r.win.Content()))
	}

	findMenuItem(t, r.win, "File", "简体中文").Action()
	h.settle()

	if !strings.HasPrefix(r.win.Title(), "伦理委员会工作台") {
		t.Errorf("window title after choosing Chinese: %q", r.win.Title())
	}
	texts := labelTexts(r.win.Content())
	for _, want := range []string{"已收件", "隐私投诉", "3 件案件"} {
		if !containsPart(texts, want) && !contains(texts, want) {
			t.Errorf("the register in Chinese lacks %q: %v", want, texts)
		}
	}
	for _, s := range texts {
		for _, w := range latinWord.FindAllString(s, -1) {
			if !allowedLatin[w] && !strings.Contains(s, "EC-20") {
				t.Errorf("English left on the Chinese register: %q in %q", w, s)
			}
		}
	}
	menus := []string{}
	for _, m := range r.win.MainMenu().Items {
		menus = append(menus, m.Label)
	}
	if !contains(menus, "文件") || !contains(menus, "帮助") {
		t.Errorf("menus after choosing Chinese: %v", menus)
	}
	if got := h.app.Preferences().String(languagePreference(secretary.Username)); got != "zh-Hans" {
		t.Errorf("the choice was stored as %q", got)
	}

	// The next sign-in (a new desk on the same app) starts in Chinese
	// although the system speaks English.
	os.Setenv("LANG", "en_US.UTF-8")
	assets.UseLanguage("")
	d2 := newDesk(h.app, h.svc, secretary, Options{DBPath: h.d.opt.DBPath}, h.d.run)
	d2.applyLanguageChoice()
	r2 := d2.openRegister()
	if !strings.HasPrefix(r2.win.Title(), "伦理委员会工作台") {
		t.Errorf("the next sign-in's window title: %q", r2.win.Title())
	}

	// Back to the system's language.
	findMenuItem(t, r2.win, "文件", "系统语言").Action()
	h.settle()
	if !strings.HasPrefix(r2.win.Title(), "Ethics Desk") {
		t.Errorf("after choosing the system's language (English) the title is %q", r2.win.Title())
	}
}

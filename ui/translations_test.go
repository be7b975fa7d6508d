package ui

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"ethicsdesk/assets"
	"ethicsdesk/cases"
)

// Every string the window passes to lang.L or lang.N is in en.json, so a
// translator working from en.json misses nothing.
//
// To add the missing ones (English = key; plural forms to be checked by hand):
//
//	UI_UPDATE_TRANSLATIONS=1 go test -tags "sqlite_fts5 migrated_fynedo" -run TestEveryStringIsInTheEnglishTranslation ./ui/
func TestEveryStringIsInTheEnglishTranslation(t *testing.T) {
	raw, err := assets.TranslationFile("en.json")
	if err != nil {
		t.Fatal(err)
	}
	var en map[string]any
	if err := json.Unmarshal(raw, &en); err != nil {
		t.Fatalf("en.json: %v", err)
	}
	missing := map[string]any{}
	files, _ := filepath.Glob("*.go")
	call := regexp.MustCompile(`lang\.([LN])\(("(?:[^"\\]|\\.)*")`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, _ := os.ReadFile(f)
		for _, m := range call.FindAllSubmatch(src, -1) {
			s, err := strconv.Unquote(string(m[2]))
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if _, ok := en[s]; !ok {
				t.Errorf("%s: %q is not in en.json", f, s)
				if string(m[1]) == "N" {
					missing[s] = map[string]string{"one": s, "other": s}
				} else {
					missing[s] = s
				}
			}
		}
	}
	for _, s := range cases.AllStatuses {
		if _, ok := en["status."+string(s)]; !ok {
			t.Errorf("status %s has no translation", s)
		}
	}
	for _, c := range registerColumns {
		if _, ok := en[c.title]; !ok {
			t.Errorf("column %q has no translation", c.title)
		}
	}
	if len(missing) > 0 && os.Getenv("UI_UPDATE_TRANSLATIONS") != "" {
		for k, v := range missing {
			en[k] = v
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(en); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("..", "assets", "translations", "en.json"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("added %d strings to assets/translations/en.json", len(missing))
	}
}

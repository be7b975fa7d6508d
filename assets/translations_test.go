package assets

import (
	"encoding/json"
	"regexp"
	"sort"
	"testing"
	"unicode"
)

// The languages the window ships. Each file must carry every key of en.json,
// so no screen falls back to English for a language the app claims.
var shippedLanguages = []string{"zh-Hans.json"}

// notTranslatedOnPurpose are values that are the same in every language.
var notTranslatedOnPurpose = map[string]bool{
	"number.thousands_separator": true,
}

var placeholder = regexp.MustCompile(`\{\{\.\w+\}\}|%[sdvq]`)

func readTranslation(t *testing.T, name string) map[string]any {
	t.Helper()
	raw, err := TranslationFile(name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("%s is not valid JSON: %v", name, err)
	}
	return m
}

// texts returns the message of an entry: a string, or a plural's "other".
func texts(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case map[string]any:
		var out []string
		for _, k := range []string{"one", "other"} {
			if s, ok := x[k].(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func hasLatin(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func TestEveryLanguageHasEveryKeyTranslated(t *testing.T) {
	en := readTranslation(t, "en.json")
	for _, file := range shippedLanguages {
		other := readTranslation(t, file)
		var missing, extra []string
		for k := range en {
			if _, ok := other[k]; !ok {
				missing = append(missing, k)
			}
		}
		for k := range other {
			if _, ok := en[k]; !ok {
				extra = append(extra, k)
			}
		}
		sort.Strings(missing)
		sort.Strings(extra)
		for _, k := range missing {
			t.Errorf("%s lacks %q", file, k)
		}
		for _, k := range extra {
			t.Errorf("%s has %q, which en.json no longer has", file, k)
		}
		for k, v := range other {
			ev, ok := en[k]
			if !ok || notTranslatedOnPurpose[k] {
				continue
			}
			got := texts(v)
			if len(got) == 0 {
				t.Errorf("%s: %q has no text", file, k)
				continue
			}
			want := placeholders(texts(ev)[len(texts(ev))-1])
			for _, s := range got {
				if rest := placeholder.ReplaceAllString(s, ""); hasLatin(rest) && !hasHan(rest) {
					t.Errorf("%s: %q is left in English: %q", file, k, s)
				}
				if p := placeholders(s); p != want {
					t.Errorf("%s: %q has the placeholders %s, English has %s", file, k, p, want)
				}
			}
		}
	}
}

func placeholders(s string) string {
	p := placeholder.FindAllString(s, -1)
	sort.Strings(p)
	b, _ := json.Marshal(p)
	return string(b)
}

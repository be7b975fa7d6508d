// Package translations holds the translation files — en.json, whose keys
// are the English texts, and zh-Hans.json — and reads them without the
// window's toolkit, for documents printed in a language of their own and
// for layers that must not depend on the window (package assets loads the
// same files into Fyne for the window).
package translations

import (
	"embed"
	"encoding/json"
	"strings"
	"sync"
	"text/template"
)

// In is the text of key in the language tag ("en", "zh-Hans"), its
// placeholders filled from data — whatever language the window speaks.
// Documents use it: an annual report is printed in the committee's
// language of documents, which need not be the reader's. A key the file
// lacks is the key itself, filled the same way.
func In(tag, key string, data map[string]any) string {
	text := key
	if m := languageFile(tag); m != nil {
		switch v := m[key].(type) {
		case string:
			text = v
		case map[string]any:
			if s, ok := v["other"].(string); ok {
				text = s
			}
		}
	}
	if !strings.Contains(text, "{{") {
		return text
	}
	t, err := template.New("").Option("missingkey=zero").Parse(text)
	if err != nil {
		return text
	}
	var b strings.Builder
	if t.Execute(&b, data) != nil {
		return text
	}
	return b.String()
}

//go:embed *.json
var jsonFiles embed.FS

// File returns the raw content of one translation file, e.g. "en.json".
func File(name string) ([]byte, error) { return jsonFiles.ReadFile(name) }

var (
	filesMu sync.Mutex
	files   = map[string]map[string]any{}
)

// languageFile is the translation file of tag, read once.
func languageFile(tag string) map[string]any {
	filesMu.Lock()
	defer filesMu.Unlock()
	if m, ok := files[tag]; ok {
		return m
	}
	var m map[string]any
	if raw, err := File(tag + ".json"); err == nil {
		json.Unmarshal(raw, &m)
	}
	files[tag] = m
	return m
}

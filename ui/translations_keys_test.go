package ui

import (
	"encoding/json"
	"testing"

	"ethicsdesk/assets"
	"ethicsdesk/cases"
)

// The window also looks texts up by key (lang.X with "role.", "decision.",
// "heading.", "column." and the code of a value): each such key is in
// en.json, so that the Chinese file, which must have every key of en.json,
// covers them too and no value shows in English on a Chinese screen.
func TestEveryKeyedTextIsInTheEnglishTranslation(t *testing.T) {
	raw, err := assets.TranslationFile("en.json")
	if err != nil {
		t.Fatal(err)
	}
	var en map[string]any
	if err := json.Unmarshal(raw, &en); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, r := range cases.AllRoles {
		keys = append(keys, "role."+string(r))
	}
	for _, h := range cases.AllHeadings {
		keys = append(keys, "heading."+string(h))
	}
	for _, ct := range []cases.CaseType{{Complaint: true}, {Complaint: false}} {
		for _, d := range cases.DecisionsFor(ct) {
			keys = append(keys, "decision."+string(d))
		}
	}
	for _, c := range userColumns {
		keys = append(keys, "column."+c.title)
	}
	for _, c := range auditColumns {
		keys = append(keys, "column."+c.title)
	}
	for _, k := range keys {
		if _, ok := en[k]; !ok {
			t.Errorf("%q is looked up by the window but is not in en.json", k)
		}
	}
}

package assets

import (
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
)

// englishDateLayouts are the ways the layers write a date or a moment into
// an English sentence ("3 July 2026 at 23:35 UTC", "3 Jul 2026 14:05",
// "2026-07-03").
var englishDateLayouts = []struct {
	layout string
	clock  bool
}{
	{"2 January 2006 at 15:04 MST", true}, {"2 January 2006 15:04", true}, {"2 January 2006", false},
	{"2 Jan 2006 15:04", true}, {"2 Jan 2006", false}, {"2006-01-02 15:04", true},
}

// isDatePlaceholder says whether a placeholder holds a date: its value is
// written again as the language writes dates.
func isDatePlaceholder(name string) bool {
	for _, p := range []string{"Date", "When", "Until"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// localDate is an English date or moment as the current language writes
// it ("2026年7月3日 23:35 UTC"); anything else is returned as it came.
func localDate(v string) string {
	for _, l := range englishDateLayouts {
		t, err := time.Parse(l.layout, v)
		if err != nil {
			continue
		}
		out := lang.X("date.format", "{{.Day}} {{.Month}} {{.Year}}", map[string]any{
			"Day": t.Day(), "Month": lang.X("month."+strings.ToLower(t.Month().String()[:3]), t.Month().String()[:3]), "Year": t.Year()})
		if l.clock {
			out += " " + t.Format("15:04")
			if strings.Contains(l.layout, "MST") {
				out += " " + t.Format("MST")
			}
		}
		return out
	}
	return v
}

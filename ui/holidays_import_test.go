package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"ethicsdesk/holidays"
)

// The administrator adds China's arrangement for the year with one button:
// the list shows the Spring Festival days off and the Saturdays worked, and
// says how many open cases moved. A file with a working day on a weekday is
// refused under the buttons and leaves the calendar as it was.
func TestAdministratorAddsChinasHolidayArrangement(t *testing.T) {
	p := newPeople(t)
	p.as(p.admin)
	s := p.d.openSettings()
	p.settle()
	h := s.holidays

	s.tabs.SelectIndex(2) // Holidays
	b := findButton(s.tabs.Items[2].Content, "China's arrangement for 2026")
	if b == nil {
		t.Fatal("no button for China's 2026 arrangement")
	}
	test.Tap(b)
	p.settle()
	if !strings.Contains(h.message.Text, "39 days imported") {
		t.Fatalf("after the import the tab says %q", h.message.Text)
	}
	texts := labelTexts(h.list)
	if !containsPart(texts, "春节调休上班 — working day") || !containsPart(texts, "国庆节") {
		t.Fatalf("the list after the import: %v", texts)
	}
	stored, _ := p.svc.Holidays(context.Background())
	if len(stored) != 39 {
		t.Fatalf("the calendar holds %d days", len(stored))
	}

	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("2026-12-03,Thursday worked,working\n"), 0o600)
	data, _ := os.ReadFile(bad)
	h.importDays(holidays.Parse(bad, data))
	p.settle()
	if !strings.Contains(h.message.Text, "Nothing was imported") {
		t.Fatalf("a weekday marked as worked: %q", h.message.Text)
	}
	if !strings.Contains(h.message.Text, "weekend") {
		t.Errorf("the refusal does not say why: %q", h.message.Text)
	}
	if after, _ := p.svc.Holidays(context.Background()); len(after) != 39 {
		t.Fatalf("a refused file changed the calendar to %d days", len(after))
	}
}

package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// timelineView lists a case's notes and status changes, newest first,
// ending with the registration of the case itself.
type timelineView struct {
	box    *fyne.Container
	scroll *container.Scroll
	lines  []string // each entry's text, for tests and screen readers
}

func newTimelineView() *timelineView {
	t := &timelineView{box: container.NewVBox()}
	t.scroll = container.NewVScroll(t.box)
	return t
}

// show replaces the entries; created/by are the case's registration.
func (t *timelineView) show(entries []cases.TimelineEntry, created time.Time, by string) {
	t.box.RemoveAll()
	t.lines = t.lines[:0]
	for _, e := range entries {
		t.add(e.At, e.Who, entryText(e), e.Note != nil && e.Note.Private, e.Note == nil)
	}
	t.add(created, by, lang.L("Case registered."), false, true)
	if len(entries) == 0 {
		hint := widget.NewLabel(lang.L("No notes yet."))
		hint.Importance = widget.LowImportance
		t.box.Add(hint)
	}
	t.box.Refresh()
}

func (t *timelineView) add(at time.Time, who, text string, private, change bool) {
	head := formatDateTime(at) + " · " + who
	if private {
		head += " · " + lang.L("private note")
	}
	h := widget.NewLabel(head)
	h.TextStyle = fyne.TextStyle{Bold: true}
	body := widget.NewLabel(text)
	body.Wrapping = fyne.TextWrapWord
	if change {
		body.TextStyle = fyne.TextStyle{Italic: true}
	}
	t.box.Add(container.NewVBox(h, body, widget.NewSeparator()))
	t.lines = append(t.lines, text)
}

// entryText is what a timeline entry says: the note, or the move with its reason.
func entryText(e cases.TimelineEntry) string {
	if e.Note != nil {
		return e.Note.Body
	}
	if c := e.Change; c != nil {
		s := lang.L("Moved from {{.From}} to {{.To}}", map[string]any{"From": statusText(c.From), "To": statusText(c.To)})
		if c.From == "" {
			s = lang.L("Status set to {{.To}}", map[string]any{"To": statusText(c.To)})
		}
		if c.Reason != "" {
			s += " — " + c.Reason
		}
		return s
	}
	if a := e.Document; a != nil {
		return lang.L("Document added to the case: {{.Name}} (SHA-256 {{.Hash}}…)", map[string]any{"Name": a.FileName, "Hash": shortHash(a.SHA256)})
	}
	if p := e.Declaration; p != nil {
		if p.Recused() {
			return lang.L("Declared a conflict of interest and stood aside: {{.Reason}}", map[string]any{"Reason": p.Reason})
		}
		return lang.L("Declared no conflict of interest.")
	}
	return ""
}

// shortHash is the first 12 characters of a hex fingerprint.
func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

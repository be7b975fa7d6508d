package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// escEntry is an Entry that passes Esc to its window (to cancel a form or
// a dialog); a plain Entry swallows Esc while it has the focus.
type escEntry struct {
	widget.Entry
	onEsc func()
}

func (e *escEntry) entry() *widget.Entry { return &e.Entry }

func newEscEntry(multiLine bool) *escEntry {
	e := &escEntry{}
	e.MultiLine = multiLine
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
	}
	e.ExtendBaseWidget(e)
	return e
}

func (e *escEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.onEsc != nil {
		e.onEsc()
		return
	}
	e.Entry.TypedKey(ev)
}

// longTextChars is where a word-wrapped Entry starts to lag on every
// keystroke (it re-wraps the whole text); past it the entry stops wrapping
// and scrolls sideways instead, which stays fast for the 20,000 characters
// a summary may have.
const longTextChars = 3000

// keepFastWhenLong switches e's wrapping off for long text and back on.
func keepFastWhenLong(e *escEntry) {
	prev := e.OnChanged
	e.OnChanged = func(s string) {
		want := fyne.TextWrapWord
		if len(s) > longTextChars {
			want = fyne.TextWrapOff
		}
		if e.Wrapping != want {
			e.Wrapping = want
			e.Refresh()
		}
		if prev != nil {
			prev(s)
		}
	}
}

// fieldError is the red sentence under a form field; hidden when empty.
type fieldError struct {
	*widget.Label
}

func newFieldError() fieldError {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return fieldError{l}
}

func (f fieldError) set(msg string) {
	f.SetText(domainText(msg))
	if msg == "" {
		f.Hide()
	} else {
		f.Show()
	}
}

// withError stacks a field over its error line.
func withError(field fyne.CanvasObject, e fieldError) fyne.CanvasObject {
	return container.NewVBox(field, e.Label)
}

// pick is a Select over coded values: the user reads labels, the draft gets
// codes. Put pick.Select (not the pick) into containers, so the widget
// drawn is the one that refreshes.
type pick struct {
	*widget.Select
	opts []choice
}

func newPick(opts []choice, placeholder string) *pick {
	labels := make([]string, len(opts))
	for i, o := range opts {
		labels[i] = o.label
	}
	p := &pick{Select: widget.NewSelect(labels, nil), opts: opts}
	p.PlaceHolder = placeholder
	return p
}

func (p *pick) value() string {
	i := p.SelectedIndex()
	if i < 0 || i >= len(p.opts) {
		return ""
	}
	return p.opts[i].value
}

func (p *pick) set(v string) {
	for i, o := range p.opts {
		if o.value == v {
			p.SetSelectedIndex(i)
			return
		}
	}
	p.ClearSelected()
}

// codeChoices turns codes into choices labelled through the translations.
func codeChoices[T ~string](codes []T) []choice {
	out := make([]choice, len(codes))
	for i, c := range codes {
		out[i] = choice{codeText(string(c)), string(c)}
	}
	return out
}

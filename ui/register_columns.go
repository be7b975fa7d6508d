package ui

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"ethicsdesk/cases"
)

// colTitle is the column that takes the spare width.
const colTitle = 1

// titleMinWidth is the narrowest the title column gets before the
// register scrolls sideways: room for a few words.
const titleMinWidth = 160

// minColumnWidth is the narrowest a user can drag a column to.
const minColumnWidth = 48

// shrinkable columns give up width, down to shrinkFloor of what their
// longest value needs, before the title does: a status or a name cut to
// "Awaiting inf…" still reads, a reference or a date cut short does not.
var shrinkable = map[int]bool{2: true, 3: true, 7: true}

const shrinkFloor = 0.6

// columnSizer works out the register's column widths for the width the
// window gives the table: every column as wide as its longest value (or
// as the user dragged it), the title taking what is left.
type columnSizer struct {
	natural []float32       // what each column's longest value and heading need
	user    map[int]float32 // widths the user set by dragging a heading's edge
}

// newColumnSizer measures the columns' headings and their longest values
// in the current language and text size.
func newColumnSizer(d *desk, today cases.Date) *columnSizer {
	textSize := theme.TextSize()
	pad := 2 * theme.InnerPadding()
	measure := func(texts ...string) float32 {
		var w float32
		for _, t := range texts {
			w = max(w, fyne.MeasureText(t, textSize, fyne.TextStyle{Bold: true}).Width)
		}
		return w + pad
	}
	var typeNames []string
	for _, t := range d.types {
		typeNames = append(typeNames, d.typeName(t.Code))
	}
	var statuses []string
	for _, s := range cases.AllStatuses {
		statuses = append(statuses, statusText(s))
	}
	// Month names differ in width ("Nov" is wider than "Dec"): the widest
	// of every month's two-digit day.
	var dates []string
	for m := time.January; m <= time.December; m++ {
		dates = append(dates, formatDate(cases.NewDate(2026, m, 28)))
	}
	values := [][]string{
		{"EC-2026-0000"},
		{strings.Repeat("M", 12)},
		typeNames,
		statuses,
		dates,
		dates,
		{formatDaysLeft(cases.Row{DueOn: today.AddDays(-999)}, today), lang.L("paused")},
		{strings.Repeat("M", 9)},
	}
	s := &columnSizer{user: map[int]float32{}}
	for i, c := range registerColumns {
		// A heading is a button: its text, the sort arrow and their padding.
		head := fyne.MeasureText(lang.L(c.title), textSize, fyne.TextStyle{}).Width +
			theme.IconInlineSize() + 4*theme.InnerPadding()
		s.natural = append(s.natural, max(head, measure(values[i]...)))
	}
	return s
}

// widths is the width of each column for a table width wide: the
// columns' own widths, shrinkable ones narrowed if need be, the title the
// rest. Room is kept on the right for the vertical scroll bar, so that
// nothing is drawn under it.
func (s *columnSizer) widths(wide float32) []float32 {
	n := len(s.natural)
	gaps := float32(n-1) * theme.Padding()
	avail := wide - gaps - theme.ScrollBarSize() - theme.Padding()
	out := make([]float32, n)
	var fixed, flexible float32
	for i := range out {
		out[i] = s.natural[i]
		if w, ok := s.user[i]; ok {
			out[i] = w
		}
		if i == colTitle {
			continue
		}
		if _, set := s.user[i]; shrinkable[i] && !set {
			flexible += out[i]
		} else {
			fixed += out[i]
		}
	}
	titleMin := float32(titleMinWidth)
	if w, ok := s.user[colTitle]; ok {
		titleMin = w
	}
	if short := fixed + flexible + titleMin - avail; short > 0 && flexible > 0 {
		scale := max(shrinkFloor, (flexible-short)/flexible)
		for i := range out {
			if _, set := s.user[i]; shrinkable[i] && !set {
				out[i] *= scale
			}
		}
		flexible *= scale
	}
	out[colTitle] = max(titleMin, avail-fixed-flexible)
	return out
}

// columnWidthsPreference is where the widths a person dragged the
// register's columns to are kept: per user of the register, on this
// computer, as "col:width" pairs.
func columnWidthsPreference(username string) string {
	return "register.columns." + username
}

func (s *columnSizer) load(p fyne.Preferences, username string) {
	for _, pair := range p.StringList(columnWidthsPreference(username)) {
		col, w, ok := strings.Cut(pair, ":")
		i, err1 := strconv.Atoi(col)
		width, err2 := strconv.ParseFloat(w, 32)
		if ok && err1 == nil && err2 == nil && i >= 0 && i < len(s.natural) && width >= minColumnWidth && width < 4000 {
			s.user[i] = float32(width)
		}
	}
}

func (s *columnSizer) save(p fyne.Preferences, username string) {
	var pairs []string
	for i := range s.natural {
		if w, ok := s.user[i]; ok {
			pairs = append(pairs, strconv.Itoa(i)+":"+strconv.FormatFloat(float64(w), 'f', 0, 32))
		}
	}
	p.SetStringList(columnWidthsPreference(username), pairs)
}

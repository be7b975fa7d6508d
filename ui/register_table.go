package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// column is one column of the register: its heading, width, the sort key
// a click on the heading selects, and how a row fills its cell.
type column struct {
	title string // translation key and English default
	width float32
	sort  cases.SortKey
	right bool // numbers line up on the right
	text  func(d *desk, r cases.Row, today cases.Date) string
}

// registerColumns are fixed widths (sum about 1,270 units) chosen so that a
// reference, a date (2026年11月24日 too) and "12 overdue" never truncate and the title takes
// what is left; long titles end in "…".
var registerColumns = []column{
	{"Reference", 120, cases.SortReference, false, func(_ *desk, r cases.Row, _ cases.Date) string { return r.Reference }},
	{"Title", 320, cases.SortTitle, false, func(_ *desk, r cases.Row, _ cases.Date) string { return r.Title }},
	{"Type", 150, cases.SortType, false, func(d *desk, r cases.Row, _ cases.Date) string { return d.typeName(r.TypeCode) }},
	{"Status", 170, cases.SortStatus, false, func(_ *desk, r cases.Row, _ cases.Date) string { return statusText(r.Status) }},
	{"Received", 130, cases.SortReceived, false, func(_ *desk, r cases.Row, _ cases.Date) string { return formatDate(r.ReceivedOn) }},
	{"Due", 130, cases.SortDue, false, func(_ *desk, r cases.Row, _ cases.Date) string { return orDash(formatDate(r.DueOn)) }},
	{"Days left", 100, cases.SortDue, true, func(_ *desk, r cases.Row, today cases.Date) string { return formatDaysLeft(r, today) }},
	{"Rapporteur", 150, cases.SortRapporteur, false, func(_ *desk, r cases.Row, _ cases.Date) string { return orDash(r.Rapporteur) }},
}

const colDaysLeft = 6

// registerTable is widget.Table with the two gestures it lacks: Enter and
// a double tap open the selected case.
type registerTable struct {
	widget.Table
	onOpen func()
}

func newRegisterTable() *registerTable {
	t := &registerTable{}
	t.ExtendBaseWidget(t)
	return t
}

func (t *registerTable) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if t.onOpen != nil {
			t.onOpen()
		}
	default:
		t.Table.TypedKey(ev)
	}
}

// Tapped selects the row and takes the keyboard focus, so that Enter and
// the arrow keys then act on the register. widget.Table focuses itself
// through its own pointer, which the window does not know when the table
// is extended, so the focus was lost and Enter did nothing.
func (t *registerTable) Tapped(ev *fyne.PointEvent) {
	t.Table.Tapped(ev)
	if c := fyne.CurrentApp().Driver().CanvasForObject(t); c != nil && c.Focused() != t {
		c.Focus(t)
	}
}

// DoubleTapped opens the row under the pointer; the first tap of the pair
// has already selected it.
func (t *registerTable) DoubleTapped(ev *fyne.PointEvent) {
	t.Tapped(ev)
	if t.onOpen != nil {
		t.onOpen()
	}
}

// newRegisterCell is one cell: a background that tints overdue and
// due-soon rows (every row keeps the same height) and a truncating label.
func newRegisterCell() fyne.CanvasObject {
	bg := canvas.NewRectangle(color.Transparent)
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return container.NewStack(bg, l)
}

// rowTint is the soft background of a row that needs attention.
func rowTint(overdue, soon bool) color.Color {
	var base color.Color
	switch {
	case overdue:
		base = theme.Color(theme.ColorNameError)
	case soon:
		base = theme.Color(theme.ColorNameWarning)
	default:
		return color.Transparent
	}
	r, g, b, _ := base.RGBA()
	alpha := uint8(0x22)
	if soon && !overdue {
		alpha = 0x18
	}
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: alpha}
}

// fillCell draws row r in column col of the template cell o.
func fillCell(d *desk, o fyne.CanvasObject, col int, r cases.Row, loaded bool, today cases.Date) {
	box := o.(*fyne.Container)
	bg := box.Objects[0].(*canvas.Rectangle)
	l := box.Objects[1].(*widget.Label)
	c := registerColumns[col]
	if c.right {
		l.Alignment = fyne.TextAlignTrailing
	} else {
		l.Alignment = fyne.TextAlignLeading
	}
	if !loaded {
		bg.FillColor = color.Transparent
		bg.Refresh()
		l.Importance = widget.LowImportance
		l.TextStyle = fyne.TextStyle{}
		l.SetText("…")
		return
	}
	overdue, soon := r.Overdue(today), r.DueSoon(today)
	bg.FillColor = rowTint(overdue, soon)
	bg.Refresh()
	l.Importance = widget.MediumImportance
	l.TextStyle = fyne.TextStyle{}
	if col == colDaysLeft {
		switch {
		case overdue:
			l.Importance = widget.DangerImportance
			l.TextStyle = fyne.TextStyle{Bold: true}
		case soon:
			l.Importance = widget.WarningImportance
			l.TextStyle = fyne.TextStyle{Bold: true}
		}
	}
	l.SetText(c.text(d, r, today))
}

// newHeaderButton is a column heading: a flat button that sorts.
func newHeaderButton() fyne.CanvasObject {
	b := widget.NewButton("", nil)
	b.Importance = widget.LowImportance
	b.Alignment = widget.ButtonAlignLeading
	b.IconPlacement = widget.ButtonIconTrailingText
	return b
}

// fillHeader labels heading col and shows the sort arrow on the sorted one.
func fillHeader(o fyne.CanvasObject, col int, sort cases.SortKey, desc bool, sortCol int, onTap func(int)) {
	b := o.(*widget.Button)
	if col < 0 || col >= len(registerColumns) {
		b.SetText("")
		return
	}
	b.Text = lang.L(registerColumns[col].title)
	b.Alignment = widget.ButtonAlignLeading
	if registerColumns[col].right {
		b.Alignment = widget.ButtonAlignTrailing
	}
	b.Icon = nil
	if col == sortCol {
		if desc {
			b.Icon = theme.MenuDropDownIcon()
		} else {
			b.Icon = theme.MenuDropUpIcon()
		}
	}
	b.OnTapped = func() { onTap(col) }
	b.Refresh()
}

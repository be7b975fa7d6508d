package ui

import (
	"image/color"
	"math"

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

// registerColumns are the register's columns; their width is worked out
// from the window's width (register_columns.go): a reference, a date
// (2026年11月24日 too) and "138 overdue" never truncate, the title takes
// what is left and a long title ends in "…". The widths here are what a
// table shows before it is first laid out.
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

// registerTable is widget.Table with what the register needs beyond it:
// Enter and a double tap open the selected case, the arrow keys move the
// selection itself (not a faint marker that Enter ignored), the selected
// row is outlined, and the columns fit the table's width, a dragged
// column edge being remembered.
type registerTable struct {
	widget.Table
	onOpen   func()
	sizer    *columnSizer
	widths   []float32
	onResize func() // the user dragged a column's edge

	selected int  // the selected row, -1 for none
	focused  bool // the keyboard is on the table: the outline is strong

	dragCol            int // the column whose edge is dragged, -1 none, -2 not yet known
	dragStartX, dragW0 float32
}

func newRegisterTable() *registerTable {
	t := &registerTable{selected: -1, dragCol: -2}
	t.ExtendBaseWidget(t)
	return t
}

// Resize fits the columns to the new width before the table lays out.
func (t *registerTable) Resize(s fyne.Size) {
	t.fitColumns(s.Width)
	t.Table.Resize(s)
}

func (t *registerTable) fitColumns(wide float32) {
	if t.sizer == nil || wide <= 0 {
		return
	}
	t.widths = t.sizer.widths(wide)
	for i, w := range t.widths {
		t.SetColumnWidth(i, w)
	}
}

// rowsCount is how many rows the table has.
func (t *registerTable) rowsCount() int {
	if t.Length == nil {
		return 0
	}
	rows, _ := t.Length()
	return rows
}

// pageRows is how many rows PageUp and PageDown move: about a screenful.
func (t *registerTable) pageRows() int {
	rowH := newRegisterCell().MinSize().Height + theme.Padding()
	if n := int(t.Size().Height/rowH) - 1; n > 1 {
		return n
	}
	return 1
}

func (t *registerTable) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if t.selected < 0 { // nothing chosen yet: show the first row, open nothing
			t.selectRow(0)
			return
		}
		if t.onOpen != nil {
			t.onOpen()
		}
	case fyne.KeyDown:
		t.moveSelection(1)
	case fyne.KeyUp:
		t.moveSelection(-1)
	case fyne.KeyPageDown:
		t.moveSelection(t.pageRows())
	case fyne.KeyPageUp:
		t.moveSelection(-t.pageRows())
	case fyne.KeyHome:
		t.selectRow(0)
	case fyne.KeyEnd:
		t.selectRow(t.rowsCount() - 1)
	case fyne.KeySpace:
		if t.selected < 0 {
			t.selectRow(0)
		}
	default:
		t.Table.TypedKey(ev)
	}
}

// moveSelection selects the row by rows below (above, when negative) the
// selected one; with none selected, the first row.
func (t *registerTable) moveSelection(by int) {
	if t.selected < 0 {
		t.selectRow(0)
		return
	}
	t.selectRow(t.selected + by)
}

func (t *registerTable) selectRow(row int) {
	n := t.rowsCount()
	if n == 0 {
		return
	}
	row = max(0, min(row, n-1))
	t.Select(widget.TableCellID{Row: row, Col: 0})
}

// FocusGained and FocusLost redraw the outline of the selected row: strong
// while the keyboard is on the table, faint otherwise. Reached with Tab
// and nothing selected, the table selects its first row, so the keyboard's
// place is seen at once.
func (t *registerTable) FocusGained() {
	t.focused = true
	t.Table.FocusGained()
	if t.selected < 0 {
		t.selectRow(0)
	}
	t.Refresh()
}

func (t *registerTable) FocusLost() {
	t.focused = false
	t.Table.FocusLost()
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

// Dragged widens or narrows the column whose right edge, in the heading,
// the drag started on. widget.Table can do this too but keeps the width to
// itself; the register needs it to keep the title taking the rest and to
// remember the width.
func (t *registerTable) Dragged(e *fyne.DragEvent) {
	if t.dragCol == -2 {
		start := e.Position.Subtract(e.Dragged)
		t.dragCol = t.edgeAt(start)
		if t.dragCol >= 0 {
			t.dragStartX, t.dragW0 = start.X, t.widths[t.dragCol]
		}
	}
	if t.dragCol < 0 || t.sizer == nil {
		return
	}
	// Whole units, as the preference keeps them.
	t.sizer.user[t.dragCol] = float32(math.Round(float64(max(minColumnWidth, t.dragW0+e.Position.X-t.dragStartX))))
	t.fitColumns(t.Size().Width)
	t.Refresh()
}

func (t *registerTable) DragEnd() {
	if t.dragCol >= 0 && t.onResize != nil {
		t.onResize()
	}
	t.dragCol = -2
}

// edgeAt is the column whose right edge, in the heading row, is under p,
// or -1. The register does not scroll sideways at the widths it sets, so
// p's x is the table's own.
func (t *registerTable) edgeAt(p fyne.Position) int {
	if len(t.widths) == 0 || p.Y < 0 || p.Y > newHeaderButton().MinSize().Height {
		return -1
	}
	grip := theme.Padding() * 2
	var x float32
	for i, w := range t.widths {
		x += w
		if p.X >= x-grip && p.X <= x+theme.Padding()+grip {
			return i
		}
		x += theme.Padding()
	}
	return -1
}

// resetColumnWidths forgets the widths the user dragged.
func (t *registerTable) resetColumnWidths() {
	if t.sizer == nil {
		return
	}
	t.sizer.user = map[int]float32{}
	t.fitColumns(t.Size().Width)
	t.Refresh()
}

// newRegisterCell is one cell: a background that tints overdue and
// due-soon rows (every row keeps the same height), a truncating label,
// and the selected row's outline, drawn as the cell's share of it (top and
// bottom edges, and the row's ends on the first and last column).
func newRegisterCell() fyne.CanvasObject {
	bg := canvas.NewRectangle(color.Transparent)
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	edge := func() *canvas.Rectangle {
		r := canvas.NewRectangle(color.Transparent)
		r.SetMinSize(fyne.NewSquareSize(ringWidth))
		return r
	}
	ring := container.NewBorder(edge(), edge(), edge(), edge())
	return container.NewStack(bg, l, ring)
}

// ringWidth is the thickness of the selected row's outline.
const ringWidth = 2

// paintRing outlines the cell as part of the selected row, or clears it.
func paintRing(ring *fyne.Container, col int, on, focused bool) {
	c := color.Color(color.Transparent)
	if on {
		c = theme.Color(theme.ColorNamePrimary)
		if !focused {
			c = theme.Color(theme.ColorNameDisabled)
		}
	}
	// Border's objects: top, bottom, left, right.
	for i, o := range ring.Objects {
		r := o.(*canvas.Rectangle)
		want := c
		if (i == 2 && col != 0) || (i == 3 && col != len(registerColumns)-1) {
			want = color.Transparent
		}
		if r.FillColor != want {
			r.FillColor = want
			r.Refresh()
		}
	}
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

// fillCell draws row r in column col of the template cell o; selected
// and focused say whether the row is the selected one and the keyboard is
// on the table.
func fillCell(d *desk, o fyne.CanvasObject, col int, r cases.Row, loaded bool, today cases.Date, selected, focused bool) {
	box := o.(*fyne.Container)
	bg := box.Objects[0].(*canvas.Rectangle)
	l := box.Objects[1].(*widget.Label)
	paintRing(box.Objects[2].(*fyne.Container), col, selected, focused)
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
	text := c.text(d, r, today)
	l.Truncation = truncationFor(text, l.TextStyle, box.Size().Width)
	l.SetText(text)
}

// truncationFor is a cell's truncation: an ellipsis only for a text wider
// than the cell. Fyne shapes the whole text again with a new shaper on
// every layout of a label that truncates with an ellipsis, even a text
// that fits — on the register's 300 visible cells, a large share of each
// scroll step and of the first frame — while measuring a text is cached.
// A cell whose width is not known yet truncates.
func truncationFor(text string, style fyne.TextStyle, width float32) fyne.TextTruncation {
	if width <= 0 || fyne.MeasureText(text, theme.TextSize(), style).Width+2*theme.InnerPadding()+1 > width {
		return fyne.TextTruncateEllipsis
	}
	return fyne.TextTruncateOff
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

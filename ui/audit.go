package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// auditPageSize is how many audit entries one page of the audit view shows.
const auditPageSize = 100

var auditColumns = []struct {
	title string
	width float32
}{{"No.", 70}, {"Time", 175}, {"User", 170}, {"About", 160}, {"Change", 675}}

// auditRows is the table of entries both audit screens show: each entry in
// words (who, about what, what happened), or — with "Show the recorded
// values" ticked — as recorded: the action's code, the entity and its id,
// the JSON before and after.
type auditRows struct {
	records []cases.AuditRecord
	table   *widget.Table
	raw     *widget.Check
}

func newAuditRows() *auditRows {
	r := &auditRows{}
	r.table = newUniformTable(func() (int, int) { return len(r.records), len(auditColumns) },
		func(id widget.TableCellID) string { return auditCell(r.records, id, r.raw.Checked) })
	r.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		o.(*widget.Label).SetText(lang.X("column."+auditColumns[id.Col].title, auditColumns[id.Col].title))
	}
	for i, c := range auditColumns {
		r.table.SetColumnWidth(i, c.width)
	}
	r.raw = widget.NewCheck(lang.L("Show the recorded values"), func(bool) { r.table.Refresh() })
	return r
}

// auditWindow is the administrator's view of the audit log: a table of
// uniform rows, filtered by user, case, action and dates, a page at a time.
type auditWindow struct {
	*auditRows
	d      *desk
	win    fyne.Window
	total  int
	offset int

	user       *pick
	reference  *widget.Entry
	action     *widget.Select
	from, to   *widget.Entry
	form       *fieldForm
	count      *widget.Label
	prev, next *widget.Button
	filter     cases.AuditFilter
}

// auditChoices are the audit window's filter choices, read off the main
// goroutine when it opens.
type auditChoices struct {
	users   []cases.User
	actions []string
}

func (d *desk) openAudit() *auditWindow {
	a := &auditWindow{auditRows: newAuditRows(), d: d, win: d.app.NewWindow(lang.L("Audit log") + " — " + lang.L("Ethics Desk")), form: newFieldForm()}
	a.win.SetContent(container.NewCenter(loadingText()))
	a.win.Resize(fyne.NewSize(1260, 780))
	closeOnEscape(a.win, a.win.Close)
	a.win.Show()
	loadFor(d, a.win, func(ctx context.Context) (auditChoices, error) {
		var ch auditChoices
		var usersErr, actionsErr error
		ch.users, usersErr = d.svc.Users(ctx, d.actor) // the filters offer what they can
		ch.actions, actionsErr = d.svc.AuditActions(ctx, d.actor)
		return ch, unreachableIn(usersErr, actionsErr)
	}, a.build)
	return a
}

// build lays the window out once its filter choices have landed, and
// shows the newest entries.
func (a *auditWindow) build(ch auditChoices) {
	users := []choice{{lang.L("Everyone"), ""}}
	for _, u := range ch.users {
		users = append(users, choice{u.Name() + " (" + u.Username + ")", itoa64(u.ID)})
	}
	a.user = newPick(users, lang.L("Everyone"))
	actions := append([]string{lang.L("Every action")}, ch.actions...)
	a.action = widget.NewSelect(actions, nil)
	a.action.PlaceHolder = lang.L("Every action")
	a.reference, a.from, a.to = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	a.reference.SetPlaceHolder("EC-2026-0001")
	a.from.SetPlaceHolder("YYYY-MM-DD")
	a.to.SetPlaceHolder("YYYY-MM-DD")
	a.form.add("user", lang.L("User"), a.user.Select)
	a.form.add("case", lang.L("Case"), a.reference)
	a.form.add("action", lang.L("Action"), a.action)
	a.form.add("dates", lang.L("From – to"), container.NewGridWithColumns(2, a.from, a.to))
	apply := widget.NewButtonWithIcon(lang.L("Show"), theme.SearchIcon(), a.apply)
	apply.Importance = widget.HighImportance

	a.count = widget.NewLabel("")
	a.prev = widget.NewButtonWithIcon(lang.L("Newer"), theme.NavigateBackIcon(), func() { a.page(a.offset - auditPageSize) })
	a.next = widget.NewButtonWithIcon(lang.L("Older"), theme.NavigateNextIcon(), func() { a.page(a.offset + auditPageSize) })
	top := container.NewVBox(a.form.content(), container.NewHBox(a.raw, layout.NewSpacer(), apply))
	bottom := container.NewHBox(a.count, layout.NewSpacer(), a.prev, a.next)
	a.win.SetContent(container.NewBorder(container.NewPadded(top), container.NewPadded(bottom), nil, nil, a.table))
	a.apply()
}

// newUniformTable is a read-only table of one-line, truncated cells, so
// every row has the same height however long its text.
func newUniformTable(size func() (int, int), text func(widget.TableCellID) string) *widget.Table {
	t := widget.NewTableWithHeaders(size,
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(text(id)) })
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject { return sectionTitle("") }
	return t
}

func auditCell(rs []cases.AuditRecord, id widget.TableCellID, raw bool) string {
	if id.Row >= len(rs) {
		return ""
	}
	r := rs[id.Row]
	switch id.Col {
	case 0:
		return strconv.FormatInt(r.Seq, 10)
	case 1:
		return formatDateTime(r.At)
	case 2:
		if r.ActorID == cases.System.ID {
			return domainText(r.Actor) // the program itself, in words
		}
		return r.Actor
	case 3:
		if !raw {
			return domainText(r.About)
		}
		if r.EntityID != 0 {
			return r.Entity + " " + strconv.FormatInt(r.EntityID, 10)
		}
		return r.Entity
	case 4:
		if raw {
			return r.Action + ": " + changeText(r)
		}
		if r.Redacted != "" {
			return domainText(r.Change) + " " + domainText(r.Redacted)
		}
		return domainText(r.Change)
	}
	return ""
}

// changeText is an entry's before and after on one line.
func changeText(r cases.AuditRecord) string {
	clean := func(s string) string {
		if s == "" || s == "null" {
			return ""
		}
		return strings.Join(strings.Fields(s), " ")
	}
	before, after := clean(r.Before), clean(r.After)
	text := before
	switch {
	case before != "" && after != "":
		text = before + " → " + after
	case after != "":
		text = after
	}
	if r.Redacted != "" {
		return r.Redacted + " " + text
	}
	return text
}

// apply reads the filters; a value that cannot be read is reported at its
// box and nothing is queried.
func (a *auditWindow) apply() {
	f := cases.AuditFilter{UserID: parseID(a.user.value()), Limit: auditPageSize}
	fe := cases.FieldErrors{}
	ref := strings.TrimSpace(a.reference.Text)
	if a.action.SelectedIndex() > 0 {
		f.Action = a.action.Selected
	}
	var err1, err2 error
	if s := strings.TrimSpace(a.from.Text); s != "" {
		f.From, err1 = cases.ParseDate(s)
	}
	if s := strings.TrimSpace(a.to.Text); s != "" {
		f.To, err2 = cases.ParseDate(s)
	}
	switch {
	case err1 != nil || err2 != nil:
		fe["dates"] = lang.L("Enter the dates as YYYY-MM-DD, e.g. 2026-10-01.")
	case !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From):
		fe["dates"] = lang.L("The last day comes before the first.")
	}
	if len(fe) > 0 {
		a.form.show(fe)
		return
	}
	if ref == "" {
		a.form.show(nil)
		a.filter = f
		a.page(0)
		return
	}
	// The case is looked up by its reference off the main goroutine.
	d := a.d
	loadFor(d, a.win, func(ctx context.Context) (int64, error) {
		c, err := d.svc.FindCase(ctx, d.actor, ref)
		var u unreachable
		if asUnreachable(err, &u) {
			return 0, err
		}
		return c.ID, nil
	}, func(id int64) {
		if id == 0 {
			a.form.show(cases.FieldErrors{"case": lang.L("There is no case {{.Reference}} in this register.", map[string]any{"Reference": ref})})
			return
		}
		a.form.show(nil)
		f.CaseID = id
		a.filter = f
		a.page(0)
	})
}

// auditPage is one page of the audit log as read.
type auditPage struct {
	records []cases.AuditRecord
	total   int
}

func (a *auditWindow) page(offset int) {
	if offset < 0 {
		offset = 0
	}
	f := a.filter
	f.Offset = offset
	d := a.d
	loadFor(d, a.win, func(ctx context.Context) (auditPage, error) {
		rs, total, err := d.svc.AuditLog(ctx, d.actor, f)
		return auditPage{rs, total}, err
	}, func(p auditPage) { a.showPage(p, offset) })
}

func (a *auditWindow) showPage(p auditPage, offset int) {
	rs, total := p.records, p.total
	a.records, a.total, a.offset = rs, total, offset
	a.table.ScrollToTop()
	a.table.Refresh()
	switch {
	case total == 0:
		a.count.SetText(lang.L("No entries match."))
	default:
		a.count.SetText(lang.L("Entries {{.First}}–{{.Last}} of {{.Total}}, newest first", map[string]any{
			"First": formatCount(offset + 1), "Last": formatCount(offset + len(rs)), "Total": formatCount(total)}))
	}
	if offset > 0 {
		a.prev.Enable()
	} else {
		a.prev.Disable()
	}
	if offset+len(rs) < total {
		a.next.Enable()
	} else {
		a.next.Disable()
	}
}

// historyWindow is one case's full recorded history, from the audit log.
type historyWindow struct {
	*auditRows
	win fyne.Window
}

func (cw *caseWindow) openHistory() *historyWindow {
	h := &historyWindow{auditRows: newAuditRows(), win: cw.d.app.NewWindow(lang.L("History of {{.Reference}}", map[string]any{"Reference": cw.c.Reference}))}
	top := container.NewVBox(quietText(lang.L("Every recorded change to this case, newest first. The record cannot be edited.")), h.raw)
	status := loadingText()
	status.Wrapping = fyne.TextWrapWord
	h.win.SetContent(container.NewBorder(container.NewPadded(top), status, nil, nil, h.table))
	h.win.Resize(fyne.NewSize(1200, 600))
	closeOnEscape(h.win, h.win.Close)
	h.win.Show()
	d, id := cw.d, cw.id
	d.load(h.win, sayIn(status, nil), nil, func() (func(), error) {
		rs, err := d.svc.CaseHistory(context.Background(), d.actor, id)
		return func() {
			h.records = rs
			h.table.Refresh()
			if err != nil {
				status.Importance = widget.DangerImportance
				status.SetText(userText(err))
				return
			}
			status.Hide()
		}, err
	})
	return h
}

package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// registerWindow is the main window: filters, the paged table of cases and
// the count of what matches.
type registerWindow struct {
	answers registerAnswers // the service's answers for the filters and menus (askAnswers)
	d       *desk
	win     fyne.Window
	filters *filterBar
	table   *registerTable
	model   *pageCache
	count   *widget.Label   // "1,204 of 100,000 cases"
	bottom  *fyne.Container // the count line, laid out again when the count changes
	problem *widget.Label   // a load that failed, in words
	// connection says the committee server cannot be reached (ui/changes.go)
	connection *widget.Label
	who        *widget.Label // who is signed in, and in what role
	newCase    *widget.Button

	rows     int // rows matching the filter, as last counted
	today    cases.Date
	sort     cases.SortKey
	desc     bool
	sortCol  int
	selected int // selected row, -1 for none
	countGen int // bumped per count request; older answers are dropped

	search *searchPanel    // full-text results (ui/search.go)
	center *fyne.Container // the table, or the search results in its place
}

// registerWindowSize is the register window's size when it opens.
var registerWindowSize = fyne.NewSize(1320, 760)

func (d *desk) openRegister() *registerWindow {
	return d.openRegisterIn(d.app.NewWindow(""))
}

// openRegisterIn makes win the register window (after a sign-out, the
// window that showed the sign-in screen).
func (d *desk) openRegisterIn(win fyne.Window) *registerWindow {
	r := &registerWindow{d: d, selected: -1, sort: cases.SortReference, desc: true, sortCol: 0}
	r.win = win
	d.register = r
	r.build()
	r.askAnswers()
	r.win.Resize(registerWindowSize)
	r.win.SetMaster()
	r.win.SetOnDropped(r.droppedOnRegister)
	closeOnEscape(r.win, nil)
	return r
}

// build lays out the window's title, menus and content in the current
// language: once when the window opens, and again when the user chooses
// another language (the window itself stays, so nothing else is lost).
func (r *registerWindow) build() {
	d := r.d
	r.win.SetTitle(lang.L("Ethics Desk — {{.File}}", map[string]any{"File": d.fileName()}))
	r.model = newPageCache(d.run, func(ctx context.Context, q cases.Query, offset, limit int) ([]cases.Row, error) {
		return d.svc.ListCases(ctx, d.actor, q, offset, limit)
	})
	r.model.onLoaded = func() { r.table.Refresh() }
	r.model.onError = r.showProblem

	r.filters = newFilterBar(d, r.years(), r.answers.users)
	r.filters.onChange = r.reload
	r.filters.search.OnSubmitted = r.goToReference

	r.buildTable()
	r.attachSearch()
	r.count = widget.NewLabel("")
	r.count.TextStyle = fyne.TextStyle{Bold: true}
	r.problem = widget.NewLabel("")
	r.problem.Importance = widget.DangerImportance
	r.problem.Hide()
	r.connection = widget.NewLabel("")
	r.connection.Importance = widget.DangerImportance
	r.connection.Wrapping = fyne.TextWrapWord
	r.connection.Hide()

	r.newCase = widget.NewButtonWithIcon(lang.L("New case"), theme.ContentAddIcon(), r.showIntake)
	r.newCase.Importance = widget.HighImportance
	if !d.can(cases.ActCreateCase) {
		r.newCase.Hide()
	}

	top := container.NewVBox()
	for _, b := range banners(d.opt) {
		top.Add(b)
	}
	top.Add(r.connection)
	top.Add(container.NewBorder(nil, nil, nil, r.newCase, r.filters.box))
	r.who = widget.NewLabel(lang.L("Signed in as {{.Name}} ({{.Role}})", map[string]any{"Name": d.actor.Name(), "Role": roleText(d.actor.Role)}))
	r.who.Importance = widget.LowImportance
	r.bottom = container.NewBorder(nil, nil, r.count, r.who, r.problem)
	r.center = container.NewStack(r.table)
	r.win.SetContent(container.NewBorder(top, r.bottom, nil, nil, r.center))
	r.win.SetMainMenu(r.mainMenu())
	r.addShortcuts()
	r.reload()
}

func (r *registerWindow) buildTable() {
	t := newRegisterTable()
	t.Length = func() (int, int) { return r.rows, len(registerColumns) }
	t.CreateCell = newRegisterCell
	t.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		row, ok := r.model.row(id.Row)
		fillCell(r.d, o, id.Col, row, ok, r.today, id.Row == t.selected, t.focused)
	}
	t.ShowHeaderRow = true
	t.CreateHeader = newHeaderButton
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		fillHeader(o, id.Col, r.sort, r.desc, r.sortCol, r.sortBy)
	}
	// The whole row is outlined, so every cell of the old and the new row
	// is drawn again when the selection moves.
	t.OnSelected = func(id widget.TableCellID) { r.selected, t.selected = id.Row, id.Row; t.Refresh() }
	t.OnUnselected = func(widget.TableCellID) { r.selected, t.selected = -1, -1; t.Refresh() }
	t.onOpen = r.openSelected
	for i, c := range registerColumns {
		t.SetColumnWidth(i, c.width)
	}
	prefs, user := r.d.app.Preferences(), r.d.actor.Username
	t.sizer = newColumnSizer(r.d, r.d.svc.Today())
	t.sizer.load(prefs, user)
	t.onResize = func() { t.sizer.save(prefs, user) }
	r.table = t
}

// sortBy sorts by column col; a second click on the same column reverses.
func (r *registerWindow) sortBy(col int) {
	if col == r.sortCol {
		r.desc = !r.desc
	} else {
		r.sortCol, r.sort, r.desc = col, registerColumns[col].sort, false
	}
	r.reload()
}

// query is the filters plus the sort.
func (r *registerWindow) query() cases.Query {
	q := r.filters.query()
	q.Sort, q.Desc = r.sort, r.desc
	return q
}

// reload drops the cached pages and recounts: the filter or sort changed,
// or a case was saved. The rows themselves load as the table draws them.
func (r *registerWindow) reload() {
	r.today = r.d.svc.Today()
	q := r.query()
	r.model.reset(q)
	r.table.UnselectAll()
	r.selected, r.table.selected = -1, -1
	r.recount(q)
	r.table.Refresh()
}

// refreshInPlace reads the rows on show and the count again after
// colleagues changed cases, without dropping the selection or what is on
// screen until the fresh rows land.
func (r *registerWindow) refreshInPlace() {
	r.today = r.d.svc.Today()
	r.model.refresh()
	r.recount(r.query())
}

// setConnection shows text above the register (the server cannot be
// reached), or hides it when text is "".
func (r *registerWindow) setConnection(text string) {
	r.connection.SetText(text)
	if text == "" {
		r.connection.Hide()
	} else {
		r.connection.Show()
	}
}

// recount counts the cases matching q in the background.
func (r *registerWindow) recount(q cases.Query) {
	r.countGen++
	gen := r.countGen
	r.d.load(r.win, r.sayProblem, func() bool { return gen == r.countGen }, func() (func(), error) {
		matching, total, err := r.d.svc.CountCases(context.Background(), r.d.actor, q)
		return func() {
			if gen != r.countGen {
				return
			}
			if err != nil {
				r.showProblem(err)
				return
			}
			r.problem.Hide()
			r.rows = matching
			r.count.SetText(countText(matching, total))
			r.bottom.Refresh() // a longer count gets its room: never "1,204 of 100,0…"
			r.table.Refresh()
		}, err
	})
}

// countText is "1,204 of 100,000 cases", or "100,000 cases" unfiltered.
// The plural form is the key so that, should translations fail to load,
// the fallback reads right for every count but one.
func countText(matching, total int) string {
	if matching == total {
		return lang.N("{{.Total}} cases", total, map[string]any{"Total": formatCount(total)})
	}
	return lang.N("{{.Matching}} of {{.Total}} cases", total, map[string]any{
		"Matching": formatCount(matching), "Total": formatCount(total)})
}

func (r *registerWindow) showProblem(err error) {
	if unreachableIn(err) != nil {
		r.sayProblem(userText(err))
		return
	}
	r.problem.SetText(lang.L("The register could not be read: {{.Error}}", map[string]any{"Error": err.Error()}))
	r.problem.Show()
}

// sayProblem shows text (the server cannot be reached) under the table;
// "": the answer landed and says for itself.
func (r *registerWindow) sayProblem(text string) {
	if text == "" {
		return
	}
	r.problem.SetText(text)
	r.problem.Show()
}

// openSelected opens the case on the selected row, if it has loaded.
func (r *registerWindow) openSelected() {
	if r.selected < 0 {
		return
	}
	if row, ok := r.model.row(r.selected); ok {
		r.d.openCase(row.ID)
	}
}

// goToReference opens the case whose reference was typed in the filter box.
func (r *registerWindow) goToReference(ref string) {
	if ref == "" {
		return
	}
	d := r.d
	// The case is looked up off the main goroutine; its window opens when
	// the answer lands.
	d.load(r.win, nil, nil, func() (func(), error) {
		c, err := d.svc.FindCase(context.Background(), d.actor, ref)
		return func() { r.openFound(ref, c, err) }, err
	})
}

// openFound opens the case looked up by reference, or says why not.
func (r *registerWindow) openFound(ref string, c cases.Case, err error) {
	var ie *cases.InterestError
	if errors.As(err, &ie) {
		// Known by its summary only: the case window asks for the declaration.
		r.d.openCase(ie.Summary.ID)
		return
	}
	if errors.Is(err, cases.ErrNotFound) {
		dialog.ShowInformation(lang.L("Not found"),
			lang.L("There is no case {{.Reference}} in this register.", map[string]any{"Reference": ref}), r.win)
		return
	}
	if err != nil {
		showError(err, r.win)
		return
	}
	r.d.openCase(c.ID)
}

func (r *registerWindow) showIntake() {
	if !r.d.can(cases.ActCreateCase) {
		return
	}
	r.d.openIntake(nil)
}

// registerAnswers are the service's answers the register's filters and
// menus are built from. They are asked off the main goroutine when the
// window opens (over a committee server each is a request); until they
// land the filters offer this year and no rapporteur, and the menus leave
// out backups and signing keys.
type registerAnswers struct {
	firstYear                      int          // the year the oldest case was received (0: unknown)
	users                          []cases.User // the rapporteur filter's accounts
	mayBackup, mayRestore, mayKeys bool
	err                            error // the first read that failed, if any
}

func readRegisterAnswers(d *desk) registerAnswers {
	var a registerAnswers
	rows, err := d.svc.ListCases(context.Background(), d.actor, cases.Query{Sort: cases.SortReceived}, 0, 1)
	if err == nil && len(rows) == 1 && !rows[0].ReceivedOn.IsZero() {
		a.firstYear = rows[0].ReceivedOn.Year()
	}
	a.users, a.err = d.svc.Users(context.Background(), d.actor) // the filter offers what it can
	if a.err == nil {
		a.err = err
	}
	a.mayBackup = d.svc.MayBackup(d.actor)
	a.mayRestore = d.svc.MayRestore(d.actor)
	a.mayKeys = d.svc.MayManageKeys(d.actor)
	return a
}

// askAnswers asks the register's answers and, when they land, offers
// the years, the rapporteurs and the menus they allow.
func (r *registerWindow) askAnswers() {
	d := r.d
	d.load(r.win, r.sayProblem, func() bool { return d.register == r }, func() (func(), error) {
		a := readRegisterAnswers(d)
		return func() {
			if d.register != r {
				return
			}
			r.answers = a
			r.filters.setChoices(r.filters.year, yearChoices(r.years()))
			r.filters.setChoices(r.filters.rapporteur, rapporteurChoices(a.users))
			r.win.SetMainMenu(r.mainMenu())
		}, unreachableIn(a.err)
	})
}

// years lists the years the register's cases were received in, newest
// first, for the year filter (from the oldest case, once known).
func (r *registerWindow) years() []int {
	thisYear := r.d.svc.Today().Year()
	first := thisYear
	if r.answers.firstYear != 0 {
		first = r.answers.firstYear
	}
	var ys []int
	for y := thisYear; y >= first && y > thisYear-50; y-- {
		ys = append(ys, y)
	}
	return ys
}

// banners warn, above everything, when the register is not the live one.
func banners(opt Options) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	if opt.ReadOnly {
		out = append(out, banner(lang.L("This register is open read-only: you can read cases but nothing can be changed or added."), widget.WarningImportance))
	}
	if opt.Demo {
		out = append(out, banner(lang.L("Demonstration register: the cases are invented. Do not enter real submissions here."), widget.HighImportance))
	}
	return out
}

func banner(text string, imp widget.Importance) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Importance = imp
	l.TextStyle = fyne.TextStyle{Bold: true}
	l.Truncation = fyne.TextTruncateEllipsis
	return container.NewVBox(l, widget.NewSeparator())
}

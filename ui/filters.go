package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// choice is one option of a filter: what the user reads and the value the
// query gets. The first choice of every filter is "All …" with value "".
type choice struct {
	label string
	value string
}

// filterBar is the row of filters above the register. It only builds a
// cases.Query; the Service does the filtering.
type filterBar struct {
	typ, status, risk, sector, year, due *widget.Select
	breach, rapporteur                   *widget.Select
	search                               *searchEntry

	choices  map[*widget.Select][]choice
	onChange func() // the filter changed: reload the register
	box      fyne.CanvasObject
}

func newFilterBar(d *desk, years []int, users []cases.User) *filterBar {
	f := &filterBar{choices: map[*widget.Select][]choice{}}

	statuses := []choice{{lang.L("All statuses"), ""}}
	for _, s := range cases.AllStatuses {
		statuses = append(statuses, choice{statusText(s), string(s)})
	}
	risks := []choice{{lang.L("All risk tiers"), ""}}
	for _, r := range cases.AllRisks {
		risks = append(risks, choice{codeText(string(r)), string(r)})
	}
	sectors := []choice{{lang.L("All sectors"), ""}}
	for _, s := range cases.AllSectors {
		sectors = append(sectors, choice{codeText(string(s)), string(s)})
	}
	dues := []choice{
		{lang.L("All deadlines"), string(cases.DueAny)},
		{lang.L("Overdue"), string(cases.DueOverdue)},
		{lang.L("Due within 7 days"), string(cases.DueWithin7)},
		{lang.L("Overdue or due within 7 days"), string(cases.DueOverdueOr7)},
	}

	f.typ = f.newSelect(typeChoices(d))
	f.status = f.newSelect(statuses)
	f.risk = f.newSelect(risks)
	f.sector = f.newSelect(sectors)
	f.year = f.newSelect(yearChoices(years))
	f.due = f.newSelect(dues)
	f.breach = f.newSelect(breachChoices())
	f.rapporteur = f.newSelect(rapporteurChoices(users))

	// TODO(search): the full-text search feature will turn this box into a
	// real filter (FTS5 over titles, summaries, notes and opinions). Until
	// then it finds a case by its reference: typing EC-2026-0042 and
	// pressing Enter opens that case.
	f.search = newSearchEntry()
	f.search.SetPlaceHolder(lang.L("Go to reference…"))

	// Two rows of four, so that at 1,024 px every select still reads its
	// choice instead of a few letters and "…".
	selects := container.New(layout.NewGridLayoutWithColumns(4), f.typ, f.status, f.risk, f.sector,
		f.year, f.due, f.breach, f.rapporteur)
	f.box = container.NewBorder(nil, nil, nil,
		container.NewGridWrap(fyne.NewSize(230, f.search.MinSize().Height), f.search), selects)
	return f
}

func (f *filterBar) newSelect(options []choice) *widget.Select {
	labels := make([]string, len(options))
	for i, o := range options {
		labels[i] = o.label
	}
	s := widget.NewSelect(labels, nil)
	// Never shown (a choice is always made), but Fyne sizes a select to
	// at least its placeholder: "(Select one)" kept the window wide.
	s.PlaceHolder = " "
	s.SetSelectedIndex(0)
	s.OnChanged = func(string) {
		if f.onChange != nil {
			f.onChange()
		}
	}
	f.choices[s] = options
	return s
}

// value is the query value of a select's current choice.
func (f *filterBar) value(s *widget.Select) string {
	i := s.SelectedIndex()
	opts := f.choices[s]
	if i < 0 || i >= len(opts) {
		return ""
	}
	return opts[i].value
}

// selectValue chooses the option whose value is v (tests and "reset").
func (f *filterBar) selectValue(s *widget.Select, v string) {
	for i, o := range f.choices[s] {
		if o.value == v {
			s.SetSelectedIndex(i)
			return
		}
	}
}

// query is the filter as the Service understands it; sorting is the table's.
func (f *filterBar) query() cases.Query {
	year, _ := strconv.Atoi(f.value(f.year))
	return cases.Query{
		TypeCode: f.value(f.typ),
		Status:   cases.Status(f.value(f.status)),
		Risk:     cases.Risk(f.value(f.risk)),
		Sector:   cases.Sector(f.value(f.sector)),
		Year:     year,
		Due:      cases.DueFilter(f.value(f.due)),
		Breach:   cases.Breach(f.value(f.breach)),
		Rapporteur: func() int64 {
			id, _ := strconv.ParseInt(f.value(f.rapporteur), 10, 64)
			return id
		}(),
	}
}

// typeChoices are the register's case types, as the settings last left them.
func typeChoices(d *desk) []choice {
	types := []choice{{lang.L("All types"), ""}}
	for _, t := range d.types {
		types = append(types, choice{d.typeName(t.Code), t.Code})
	}
	return types
}

// typesChanged offers the case types afresh (one added or renamed in the
// settings), keeping the type chosen.
func (f *filterBar) typesChanged(d *desk) {
	f.setChoices(f.typ, typeChoices(d))
}

// setChoices replaces the choices of s, keeping the one chosen if it is
// still offered; the register is not reloaded for it.
func (f *filterBar) setChoices(s *widget.Select, opts []choice) {
	chosen := f.value(s)
	labels := make([]string, len(opts))
	for i, o := range opts {
		labels[i] = o.label
	}
	f.choices[s] = opts
	onChange := s.OnChanged
	s.OnChanged = nil // the register reloads once, after this
	s.SetOptions(labels)
	s.SetSelectedIndex(0)
	f.selectValue(s, chosen)
	s.OnChanged = onChange
}

// yearChoices offers every year and each of years.
func yearChoices(years []int) []choice {
	out := []choice{{lang.L("All years"), ""}}
	for _, y := range years {
		out = append(out, choice{strconv.Itoa(y), strconv.Itoa(y)})
	}
	return out
}

// breachChoices are the breaches of Art. 72 a complaint may allege.
func breachChoices() []choice {
	out := []choice{{lang.L("All breaches"), ""}}
	for _, b := range cases.AllBreaches {
		out = append(out, choice{codeText(string(b)), string(b)})
	}
	return out
}

// rapporteurChoices are the accounts that may be a case's rapporteur,
// inactive ones too (their cases stay theirs), and "no rapporteur yet".
func rapporteurChoices(users []cases.User) []choice {
	out := []choice{{lang.L("All rapporteurs"), ""},
		{lang.L("No rapporteur yet"), strconv.FormatInt(cases.NoRapporteur, 10)}}
	for _, u := range users {
		if cases.MayBeRapporteur(u.Role) {
			out = append(out, choice{u.Name(), strconv.FormatInt(u.ID, 10)})
		}
	}
	return out
}

// searchEntry is the filter box: Enter submits, Esc clears it.
type searchEntry struct {
	widget.Entry
}

func (e *searchEntry) entry() *widget.Entry { return &e.Entry }

func newSearchEntry() *searchEntry {
	e := &searchEntry{}
	e.ExtendBaseWidget(e)
	return e
}

func (e *searchEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		e.SetText("")
		return
	}
	e.Entry.TypedKey(ev)
}

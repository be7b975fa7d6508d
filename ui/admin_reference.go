package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// newTypeForm is "Add a case type" under the case types' rows: a code, a
// name, whether it is a complaint, and its day count.
type newTypeForm struct {
	box                    *fyne.Container
	code, name, days       *widget.Entry
	complaint, workingDays *widget.Check
	form                   *fieldForm
	add                    *widget.Button
}

func (s *settingsWindow) newTypeForm() *newTypeForm {
	f := &newTypeForm{code: widget.NewEntry(), name: widget.NewEntry(), days: widget.NewEntry(), form: newFieldForm(),
		complaint:   widget.NewCheck(lang.L("A complaint (names an alleged breach)"), nil),
		workingDays: widget.NewCheck(lang.L("Working days (skip weekends and holidays)"), nil)}
	f.days.SetText("30")
	f.form.add(cases.FieldTypeCode, lang.L("Code"), f.code)
	f.form.add(cases.FieldType, lang.L("Type name"), f.name)
	f.form.add("decision_days", lang.L("Days to decide"), f.days)
	f.form.add("complaint", "", f.complaint)
	f.form.add("working_days", "", f.workingDays)
	f.add = widget.NewButton(lang.L("Add case type"), func() { s.submitNewType(f) })
	f.box = container.NewVBox(sectionTitle(lang.L("Add a case type")), f.form.content(), container.NewHBox(layout.NewSpacer(), f.add))
	return f
}

func (s *settingsWindow) submitNewType(f *newTypeForm) {
	days, err := strconv.Atoi(strings.TrimSpace(f.days.Text))
	if err != nil {
		f.form.show(cases.FieldErrors{"decision_days": lang.L("Enter a whole number of days.")})
		return
	}
	t := cases.CaseType{Code: f.code.Text, Name: f.name.Text, Complaint: f.complaint.Checked, DecisionDays: days, WorkingDays: f.workingDays.Checked}
	d := s.d
	var data settingsData
	d.busy(s.win, lang.L("Saving the settings"), func() error {
		if err := d.svc.AddCaseType(context.Background(), d.actor, t); err != nil {
			return err
		}
		data.types, data.typesErr = d.svc.CaseTypes(context.Background())
		return nil
	}, func(err error) {
		if !f.form.show(err) {
			return
		}
		d.typesChanged()
		// The new type gets its own row like the others: draw the tab again.
		s.types = nil
		s.tabs.Items[1].Content = container.NewPadded(s.typesTab(data))
		s.tabs.Refresh()
	})
}

// catalogueEditor is the "Classification" tab: the industry codes cases
// are classified by (Art. 9), each renamable, and a row to add one.
type catalogueEditor struct {
	box   *fyne.Container
	names map[string]*widget.Entry // by code, for tests
	form  *fieldForm
	code  *widget.Entry
	name  *widget.Entry
	add   *widget.Button
	saved *widget.Label
}

// catalogueData is the classification as read (off the main goroutine).
type catalogueData struct {
	entries []cases.CatalogueEntry
	err     error
}

func loadCatalogue(d *desk) catalogueData {
	entries, err := d.svc.Catalogue(context.Background())
	return catalogueData{entries, err}
}

func (s *settingsWindow) catalogueTab(data catalogueData) fyne.CanvasObject {
	s.catalog = &catalogueEditor{box: container.NewVBox()}
	s.fillCatalogue(data)
	return container.NewVScroll(s.catalog.box)
}

// reloadCatalogue reads the classification afresh off the main goroutine,
// then runs after.
func (s *settingsWindow) reloadCatalogue(after func()) {
	d := s.d
	d.load(s.win, nil, nil, func() (func(), error) {
		data := loadCatalogue(d)
		return func() {
			s.fillCatalogue(data)
			after()
		}, unreachableIn(data.err)
	})
}

func (s *settingsWindow) fillCatalogue(data catalogueData) {
	c := s.catalog
	c.box.RemoveAll()
	c.names = map[string]*widget.Entry{}
	c.form, c.saved = newFieldForm(), savedNote()
	c.box.Add(quietText(lang.L("The industry classification a case's AI system is filed under. A code stays once added, since cases keep theirs; its name can be corrected.")))
	entries, err := data.entries, data.err
	if err != nil {
		c.box.Add(quietText(userText(err)))
	}
	for _, e := range entries {
		name := widget.NewEntry()
		name.SetText(e.Name)
		c.names[e.Code] = name
		code := e.Code
		save := widget.NewButton(lang.L("Save"), func() {
			s.saveCatalogue(cases.CatalogueEntry{Code: code, Name: name.Text})
		})
		c.form.add(cases.FieldCatalogueName+"."+code, code, container.NewBorder(nil, nil, nil, save, name))
	}
	c.box.Add(c.form.content())
	c.box.Add(widget.NewSeparator())
	c.box.Add(sectionTitle(lang.L("Add a classification")))
	c.code, c.name = widget.NewEntry(), widget.NewEntry()
	c.code.SetPlaceHolder("I65")
	add := newFieldForm()
	add.add(cases.FieldCatalogueCode, lang.L("Code"), c.code)
	add.add(cases.FieldCatalogueName, lang.L("Classification name"), c.name)
	c.add = widget.NewButton(lang.L("Add"), func() {
		e := cases.CatalogueEntry{Code: c.code.Text, Name: c.name.Text}
		s.d.busy(s.win, lang.L("Saving the settings"), func() error {
			return s.d.svc.AddCatalogueEntry(context.Background(), s.d.actor, e)
		}, func(err error) {
			if add.show(err) {
				s.reloadCatalogue(func() { s.catalog.saved.SetText(lang.L("Saved.")) })
			}
		})
	})
	c.box.Add(add.content())
	c.box.Add(container.NewHBox(layout.NewSpacer(), c.saved, c.add))
	c.box.Refresh()
}

// saveCatalogue renames one code; a refusal is shown at its row.
func (s *settingsWindow) saveCatalogue(e cases.CatalogueEntry) {
	c := s.catalog
	c.saved.SetText("")
	s.d.busy(s.win, lang.L("Saving the settings"), func() error {
		return s.d.svc.SaveCatalogueEntry(context.Background(), s.d.actor, e)
	}, func(err error) { s.catalogueSaved(e, err) })
}

// catalogueSaved shows the outcome of saveCatalogue at the code's row.
func (s *settingsWindow) catalogueSaved(e cases.CatalogueEntry, err error) {
	c := s.catalog
	if fe, ok := err.(cases.FieldErrors); ok {
		// The row's field answers to "catalogue_name.<code>".
		moved := cases.FieldErrors{}
		for k, v := range fe {
			moved[k+"."+e.Code] = v
		}
		err = moved
	}
	if c.form.show(err) {
		c.saved.SetText(lang.L("Saved."))
	}
}

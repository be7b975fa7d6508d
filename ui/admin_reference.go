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
	if !f.form.show(s.d.svc.AddCaseType(context.Background(), s.d.actor, t)) {
		return
	}
	s.d.typesChanged()
	// The new type gets its own row like the others: draw the tab again.
	s.types = nil
	s.tabs.Items[1].Content = container.NewPadded(s.typesTab())
	s.tabs.Refresh()
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

func (s *settingsWindow) catalogueTab() fyne.CanvasObject {
	s.catalog = &catalogueEditor{box: container.NewVBox()}
	s.fillCatalogue()
	return container.NewVScroll(s.catalog.box)
}

func (s *settingsWindow) fillCatalogue() {
	c := s.catalog
	c.box.RemoveAll()
	c.names = map[string]*widget.Entry{}
	c.form, c.saved = newFieldForm(), savedNote()
	c.box.Add(quietText(lang.L("The industry classification a case's AI system is filed under. A code stays once added, since cases keep theirs; its name can be corrected.")))
	entries, err := s.d.svc.Catalogue(context.Background())
	if err != nil {
		c.box.Add(quietText(err.Error()))
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
		if add.show(s.d.svc.AddCatalogueEntry(context.Background(), s.d.actor, cases.CatalogueEntry{Code: c.code.Text, Name: c.name.Text})) {
			s.fillCatalogue()
			s.catalog.saved.SetText(lang.L("Saved."))
		}
	})
	c.box.Add(add.content())
	c.box.Add(container.NewHBox(layout.NewSpacer(), c.saved, c.add))
	c.box.Refresh()
}

// saveCatalogue renames one code; a refusal is shown at its row.
func (s *settingsWindow) saveCatalogue(e cases.CatalogueEntry) {
	c := s.catalog
	c.saved.SetText("")
	err := s.d.svc.SaveCatalogueEntry(context.Background(), s.d.actor, e)
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

package ui

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// caseForm is the intake form for a new case and, with editing set, the
// edit form of an existing one. It collects a cases.Draft; the Service
// validates it and the form shows each message at its field.
type caseForm struct {
	d                *desk
	win              fyne.Window
	editing          *cases.Case // nil: a new case
	checkGen         int         // bumped per validation asked; older answers are dropped
	catalogueChoices []string    // the classification box's choices, once read

	typ                                    *pick
	title, summary, received               *escEntry
	channel, priority, sector, risk        *pick
	breach                                 *pick
	subKind                                *widget.RadioGroup
	subName, contact, respondent, aiSystem *escEntry
	subConfidential, confidential          *widget.Check
	catalogue                              *widget.SelectEntry
	save, cancel                           *widget.Button
	body                                   *fyne.Container
	scroll                                 *container.Scroll

	errs    map[string]fieldError
	kinds   []choice
	initial cases.Draft
	closed  bool
	files   []cases.NewAttachment // attached when a new case is saved (e-mail intake)
}

// openIntake opens the form: empty for a new case, filled from c to edit it.
func (d *desk) openIntake(c *cases.Case) *caseForm {
	f := &caseForm{d: d, editing: c, errs: map[string]fieldError{}}
	d.lastForm = f
	title := lang.L("New case")
	if c != nil {
		title = lang.L("Edit {{.Reference}}", map[string]any{"Reference": c.Reference})
	}
	f.win = d.app.NewWindow(title + " — " + lang.L("Ethics Desk"))
	f.build()
	if c != nil {
		f.fill(c.Draft)
	} else {
		f.received.SetText(d.svc.Today().String())
		f.subKind.SetSelected(f.kinds[0].label)
		f.priority.set(string(cases.PriorityNormal))
	}
	f.initial = f.draft()
	f.win.Resize(fyne.NewSize(780, 860))
	closeOnEscape(f.win, f.requestClose)
	f.win.SetCloseIntercept(f.requestClose)
	f.win.Show()
	f.win.Canvas().Focus(f.title)
	return f
}

func (f *caseForm) entry(multi bool) *escEntry {
	e := newEscEntry(multi)
	e.onEsc = f.requestClose
	return e
}

func (f *caseForm) build() {
	d := f.d
	var types []choice
	for _, t := range d.types {
		types = append(types, choice{d.typeName(t.Code), t.Code})
	}
	f.typ = newPick(types, lang.L("Choose the type of case"))
	f.typ.OnChanged = func(string) { f.typeChanged() }
	f.title = f.entry(false)
	f.summary = f.entry(true)
	f.summary.SetMinRowsVisible(6)
	keepFastWhenLong(f.summary)
	f.received = f.entry(false)
	f.received.SetPlaceHolder("YYYY-MM-DD")
	f.channel = newPick(channelChoices(), lang.L("How did it arrive?"))
	f.priority = newPick(codeChoices(cases.AllPriorities), "")

	f.kinds = codeChoices(cases.AllSubmitterKinds)
	kindLabels := make([]string, len(f.kinds))
	for i, k := range f.kinds {
		kindLabels[i] = k.label
	}
	f.subKind = widget.NewRadioGroup(kindLabels, func(string) { f.kindChanged() })
	f.subKind.Horizontal = true
	f.subKind.Required = true
	f.subName = f.entry(false)
	f.contact = f.entry(true)
	f.contact.SetMinRowsVisible(2)
	f.subConfidential = widget.NewCheck(lang.L("Identity confidential (not disclosed to the respondent)"), nil)

	f.respondent = f.entry(false)
	f.aiSystem = f.entry(false)
	f.sector = newPick(codeChoices(cases.AllSectors), lang.L("Choose a sector"))
	f.catalogue = widget.NewSelectEntry(nil)
	f.readCatalogue()
	f.catalogue.SetPlaceHolder(lang.L("Code, e.g. Q84"))
	f.risk = newPick(codeChoices(cases.AllRisks), lang.L("Choose a risk tier"))
	f.breach = newPick(codeChoices(cases.AllBreaches), lang.L("Complaints only"))
	f.breach.Disable()
	f.confidential = widget.NewCheck(lang.L("Confidential case (secretariat and panel only)"), nil)

	for _, k := range []string{cases.FieldType, cases.FieldTitle, cases.FieldSummary, cases.FieldReceivedOn,
		cases.FieldChannel, cases.FieldPriority, cases.FieldSubKind, cases.FieldSubmitter, cases.FieldContact,
		cases.FieldRespondent, cases.FieldAISystem, cases.FieldSector, cases.FieldCatalogue, cases.FieldRisk,
		cases.FieldBreach} {
		f.errs[k] = newFieldError()
	}

	row := func(label string, field fyne.CanvasObject, key string) []fyne.CanvasObject {
		l := widget.NewLabel(label)
		l.Alignment = fyne.TextAlignTrailing
		if key == "" {
			return []fyne.CanvasObject{l, field}
		}
		return []fyne.CanvasObject{l, withError(field, f.errs[key])}
	}
	section := func(title string, rows ...[]fyne.CanvasObject) fyne.CanvasObject {
		h := widget.NewLabel(title)
		h.TextStyle = fyne.TextStyle{Bold: true}
		grid := container.New(layout.NewFormLayout())
		for _, r := range rows {
			grid.Add(r[0])
			grid.Add(r[1])
		}
		return container.NewVBox(h, widget.NewSeparator(), grid)
	}
	dateRow := container.NewBorder(nil, nil, nil,
		widget.NewButtonWithIcon("", theme.CalendarIcon(), f.pickDate), f.received)

	form := container.NewVBox(
		section(lang.L("Submission"),
			row(lang.L("Type"), f.typ.Select, cases.FieldType),
			row(lang.L("Title"), f.title, cases.FieldTitle),
			row(lang.L("Summary"), f.summary, cases.FieldSummary),
			row(lang.L("Received on"), dateRow, cases.FieldReceivedOn),
			row(lang.L("Channel"), f.channel.Select, cases.FieldChannel),
			row(lang.L("Priority"), f.priority.Select, cases.FieldPriority),
			row("", f.confidential, "")),
		section(lang.L("Submitter"),
			row(lang.L("Submitted by"), f.subKind, cases.FieldSubKind),
			row(lang.L("Name"), f.subName, cases.FieldSubmitter),
			row(lang.L("Contact"), f.contact, cases.FieldContact),
			row("", f.subConfidential, "")),
		section(lang.L("Subject"),
			row(lang.L("Respondent"), f.respondent, cases.FieldRespondent),
			row(lang.L("AI system"), f.aiSystem, cases.FieldAISystem),
			row(lang.L("Sector"), f.sector.Select, cases.FieldSector),
			row(lang.L("Classification"), f.catalogue, cases.FieldCatalogue),
			row(lang.L("Risk tier"), f.risk.Select, cases.FieldRisk),
			row(lang.L("Alleged breach"), f.breach.Select, cases.FieldBreach)),
	)

	saveLabel := lang.L("Register case")
	if f.editing != nil {
		saveLabel = lang.L("Save changes")
	}
	f.save = widget.NewButtonWithIcon(saveLabel, theme.DocumentSaveIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	f.cancel = widget.NewButton(lang.L("Cancel"), f.requestClose)
	buttons := container.NewHBox(layout.NewSpacer(), f.cancel, f.save)
	f.body = form
	f.scroll = container.NewVScroll(container.NewPadded(form))
	f.win.SetContent(container.NewBorder(nil, container.NewPadded(buttons), nil, nil, f.scroll))
	f.recheckOnChange()
}

// recheckOnChange makes every field, once changed, check again the messages
// already shown: a message goes as soon as its field is fixed (and says
// what is still wrong otherwise), while a field not yet complained about
// is left alone until the next save.
func (f *caseForm) recheckOnChange() {
	for _, e := range []*escEntry{f.title, f.summary, f.received, f.subName, f.contact, f.respondent, f.aiSystem} {
		e.OnChanged = func(string) { f.recheck() }
	}
	for _, p := range []*pick{f.channel, f.priority, f.sector, f.risk, f.breach} {
		p.OnChanged = func(string) { f.recheck() }
	}
	typeChanged := f.typ.OnChanged
	f.typ.OnChanged = func(s string) { typeChanged(s); f.recheck() }
	kindChanged := f.subKind.OnChanged
	f.subKind.OnChanged = func(s string) { kindChanged(s); f.recheck() }
	f.catalogue.OnChanged = func(string) { f.recheck() }
}

// recheck validates the draft as it stands and updates the messages shown.
func (f *caseForm) recheck() {
	shown := false
	for _, e := range f.errs {
		shown = shown || e.Visible()
	}
	if !shown {
		return
	}
	// Validating asks the register: off the main goroutine; an answer
	// overtaken by a newer edit is dropped.
	d, draft := f.d, f.draft()
	f.checkGen++
	gen := f.checkGen
	d.run.background(func() func() {
		_, fe, err := d.svc.ValidateDraft(context.Background(), draft)
		if err != nil {
			return nil
		}
		return func() {
			if gen == f.checkGen {
				f.showChecked(fe)
			}
		}
	})
}

// showChecked updates the messages shown from a validation's answer.
func (f *caseForm) showChecked(fe cases.FieldErrors) {
	changed := false
	for k, e := range f.errs {
		if e.Visible() && fe[k] != e.Text {
			if fe[k] == "" || k != cases.FieldReceivedOn {
				e.set(fe[k])
				changed = true
			}
		}
	}
	if changed {
		f.body.Refresh()
		f.scroll.Refresh()
	}
}

func channelChoices() []choice { return codeChoices(cases.AllChannels) }

// readCatalogue fills the classification box with "Q84 — Health care"
// and the like, read off the main goroutine.
func (f *caseForm) readCatalogue() {
	d := f.d
	// While the server cannot be reached the box still takes a typed
	// code; its choices come once it answers (the form has its own say).
	d.load(f.win, func(string) {}, nil, func() (func(), error) {
		cat, err := d.svc.Catalogue(context.Background())
		if err != nil {
			return nil, unreachableIn(err) // the box still takes a typed code
		}
		out := make([]string, len(cat))
		for i, c := range cat {
			out[i] = c.Code + " — " + c.Name
		}
		return func() {
			f.catalogueChoices = out
			f.catalogue.SetOptions(out)
		}, nil
	})
}

// catalogueCode takes the code from "Q84 — Health care" or a typed "q84".
func catalogueCode(s string) string {
	code, _, _ := strings.Cut(s, " — ")
	return strings.TrimSpace(code)
}

// typeChanged enables the alleged breach for complaint types only; the
// Service clears it for other types in any case.
func (f *caseForm) typeChanged() {
	for _, t := range f.d.types {
		if t.Code == f.typ.value() {
			if t.Complaint {
				f.breach.Enable()
			} else {
				f.breach.ClearSelected()
				f.breach.Disable()
			}
		}
	}
}

// kindChanged disables name and contact for an anonymous submission.
func (f *caseForm) kindChanged() {
	if f.kind() == cases.SubmitterAnonymous {
		f.subName.Disable()
		f.contact.Disable()
		f.errs[cases.FieldSubmitter].set("")
	} else {
		f.subName.Enable()
		f.contact.Enable()
	}
}

func (f *caseForm) kind() cases.SubmitterKind {
	for _, k := range f.kinds {
		if k.label == f.subKind.Selected {
			return cases.SubmitterKind(k.value)
		}
	}
	return ""
}

func (f *caseForm) pickDate() {
	start := time.Now()
	if d, err := cases.ParseDate(strings.TrimSpace(f.received.Text)); err == nil && !d.IsZero() {
		start = d.Time()
	}
	var pop *widget.PopUp
	cal := widget.NewCalendar(start, func(t time.Time) {
		f.received.SetText(cases.DateOf(t).String())
		pop.Hide()
	})
	pop = widget.NewPopUp(cal, f.win.Canvas())
	pop.ShowAtRelativePosition(fyne.NewPos(0, f.received.Size().Height), f.received)
}

// draft is what the form holds now.
func (f *caseForm) draft() cases.Draft {
	received, _ := cases.ParseDate(strings.TrimSpace(f.received.Text))
	return cases.Draft{
		TypeCode:   f.typ.value(),
		Title:      f.title.Text,
		Summary:    f.summary.Text,
		ReceivedOn: received,
		Channel:    cases.Channel(f.channel.value()),
		Submitter: cases.Submitter{Kind: f.kind(), Name: f.subName.Text, Contact: f.contact.Text,
			Confidential: f.subConfidential.Checked},
		Respondent:    f.respondent.Text,
		AISystem:      f.aiSystem.Text,
		Sector:        cases.Sector(f.sector.value()),
		CatalogueCode: catalogueCode(f.catalogue.Text),
		Risk:          cases.Risk(f.risk.value()),
		Breach:        cases.Breach(f.breach.value()),
		Priority:      cases.Priority(f.priority.value()),
		Confidential:  f.confidential.Checked,
	}
}

func (f *caseForm) fill(dr cases.Draft) {
	f.typ.set(dr.TypeCode)
	f.title.SetText(dr.Title)
	f.summary.SetText(dr.Summary)
	f.received.SetText(dr.ReceivedOn.String())
	f.channel.set(string(dr.Channel))
	for _, k := range f.kinds {
		if k.value == string(dr.Submitter.Kind) {
			f.subKind.SetSelected(k.label)
		}
	}
	f.subName.SetText(dr.Submitter.Name)
	f.contact.SetText(dr.Submitter.Contact)
	f.subConfidential.SetChecked(dr.Submitter.Confidential)
	f.respondent.SetText(dr.Respondent)
	f.aiSystem.SetText(dr.AISystem)
	f.sector.set(string(dr.Sector))
	f.catalogue.SetText(dr.CatalogueCode)
	f.risk.set(string(dr.Risk))
	f.breach.set(string(dr.Breach))
	f.priority.set(string(dr.Priority))
	f.confidential.SetChecked(dr.Confidential)
}

// submit asks the Service to save. Nothing is stored unless every field is
// valid; otherwise each message appears under its field and the form stays
// as the user left it.
func (f *caseForm) submit() {
	dr := f.draft()
	f.checkGen++ // a check still on its way is older than the save's answer
	var saved cases.Case
	// Saving runs off the main goroutine: if another copy of the program
	// holds the register, the form says it is waiting instead of freezing.
	f.d.busy(f.win, lang.L("Saving the case"), func() (err error) {
		if f.editing == nil {
			saved, _, err = f.d.svc.CreateCaseWithAttachments(context.Background(), f.d.actor, dr, f.files)
		} else {
			saved, err = f.d.svc.UpdateCase(context.Background(), f.d.actor, f.editing.ID, f.editing.Version, dr)
		}
		return err
	}, func(err error) { f.saved(saved, err) })
}

// saved shows the outcome of submit.
func (f *caseForm) saved(saved cases.Case, err error) {
	var fe cases.FieldErrors
	var stale *cases.StaleError
	switch {
	case errors.As(err, &fe):
		f.showFieldErrors(fe)
		return
	case errors.As(err, &stale):
		f.showFieldErrors(nil)
		showStale(stale, f.win, func() {
			f.close()
			f.d.caseChanged(f.editing.ID)
		})
		return
	case err != nil:
		showError(err, f.win)
		return
	}
	f.close()
	f.d.caseChanged(saved.ID)
	if f.editing == nil {
		f.d.announceNewCase(saved)
	}
}

// showFieldErrors puts each message at its field and clears the others.
func (f *caseForm) showFieldErrors(fe cases.FieldErrors) {
	for k, e := range f.errs {
		msg := fe[k]
		if k == cases.FieldReceivedOn && msg != "" {
			// Say why a typed date was not understood rather than "enter a date".
			if _, perr := cases.ParseDate(strings.TrimSpace(f.received.Text)); perr != nil {
				msg = lang.L("\"{{.Text}}\" is not a date in the form YYYY-MM-DD.", map[string]any{"Text": strings.TrimSpace(f.received.Text)})
			}
		}
		e.set(msg)
	}
	// Error lines appearing or going change the rows' heights: lay the
	// form out again so nothing overlaps.
	f.body.Refresh()
	f.scroll.Refresh()
	for k, msg := range fe {
		if _, shown := f.errs[k]; !shown { // a field this form has no place for
			dialog.ShowInformation(lang.L("The case cannot be saved"), msg, f.win)
		}
	}
}

// requestClose closes the form, asking first if anything typed would be lost.
func (f *caseForm) requestClose() {
	if reflect.DeepEqual(f.draft(), f.initial) {
		f.close()
		return
	}
	dialog.ShowConfirm(lang.L("Discard changes?"), lang.L("What you typed in this form has not been saved."),
		func(discard bool) {
			if discard {
				f.close()
			}
		}, f.win)
}

func (f *caseForm) close() {
	if f.closed {
		return
	}
	f.closed = true
	f.win.SetCloseIntercept(nil)
	f.win.Close()
}

// announceNewCase tells the user the reference the new case received.
func (d *desk) announceNewCase(c cases.Case) {
	if d.register == nil {
		return
	}
	msg := lang.L("Case {{.Reference}} registered.", map[string]any{"Reference": c.Reference})
	dialog.ShowCustomConfirm(lang.L("Case registered"), lang.L("Open case"), lang.L("Close"),
		widget.NewLabel(msg), func(open bool) {
			if open {
				d.openCase(c.ID)
			}
		}, d.register.win)
}

// showStale explains that a colleague saved first and offers to reload.
func showStale(err *cases.StaleError, parent fyne.Window, reload func()) {
	l := widget.NewLabel(domainText(err.Error()))
	l.Wrapping = fyne.TextWrapWord
	dlg := dialog.NewCustomConfirm(lang.L("Changed by someone else"), lang.L("Reload"), lang.L("Cancel"), l,
		func(ok bool) {
			if ok {
				reload()
			}
		}, parent)
	dlg.Resize(fyne.NewSize(460, 200))
	dlg.Show()
}

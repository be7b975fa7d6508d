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

// settingsWindow is the administrator's committee settings, one tab per
// subject: the meeting rules and the inactivity lock, the case types'
// deadlines, the holidays, and the letterhead printed on documents.
type settingsWindow struct {
	d    *desk
	win  fyne.Window
	tabs *container.AppTabs

	quorum, majority, lock, retention *widget.Entry
	attachMB                          *widget.Entry // the attachment size limit, in MB
	deputy                            *widget.Select
	deputyIDs                         map[string]int64 // the deputy choices' labels to account ids
	rules                             *fieldForm
	saveRules                         *widget.Button
	rulesSaved                        *widget.Label

	types   []*caseTypeRow
	newType *newTypeForm     // "Add a case type" (ui/admin_reference.go)
	catalog *catalogueEditor // the classification tab (ui/admin_reference.go)

	name     *widget.Entry
	address  *widget.Entry
	lh       *fieldForm
	saveLH   *widget.Button
	lhSaved  *widget.Label
	docLang  *documentLanguageChooser
	holidays *holidaysView
}

// caseTypeRow edits one case type's deadline rule.
type caseTypeRow struct {
	t       cases.CaseType
	name    *widget.Entry
	days    *widget.Entry
	working *widget.Check
	form    *fieldForm
	save    *widget.Button
	saved   *widget.Label
}

// settingsData is everything the settings window shows, read off the
// main goroutine when it opens.
type settingsData struct {
	st            cases.Settings
	stErr         error
	users         []cases.User // the deputy chair's choices
	types         []cases.CaseType
	typesErr      error
	name, address string
	letterErr     error
	docLang       cases.DocumentLanguage
	holidays      holidaysData
	catalogue     catalogueData

	// usersErr and docLangErr are not shown (the deputy chair's choices
	// stay empty, the language English); they only say whether the
	// server could be reached.
	usersErr, docLangErr error
}

func loadSettings(d *desk) settingsData {
	ctx := context.Background()
	var data settingsData
	data.st, data.stErr = d.svc.Settings(ctx)
	data.users, data.usersErr = d.svc.Users(ctx, d.actor)
	data.types, data.typesErr = d.svc.CaseTypes(ctx)
	data.name, data.address, data.letterErr = d.svc.CommitteeLetterhead(ctx)
	data.docLang, data.docLangErr = d.svc.DocumentLanguage(ctx)
	data.holidays = loadHolidays(d)
	data.catalogue = loadCatalogue(d)
	return data
}

func (d *desk) openSettings() *settingsWindow {
	s := &settingsWindow{d: d, win: d.app.NewWindow(lang.L("Committee settings") + " — " + lang.L("Ethics Desk"))}
	placeholder := loadingText()
	s.win.SetContent(container.NewCenter(placeholder))
	s.win.Resize(fyne.NewSize(820, 600))
	closeOnEscape(s.win, s.win.Close)
	s.win.Show()
	loadForSaying(d, s.win, sayIn(placeholder, nil), func(context.Context) (settingsData, error) {
		data := loadSettings(d)
		return data, unreachableIn(data.stErr, data.usersErr, data.typesErr, data.letterErr, data.docLangErr, data.holidays.err, data.catalogue.err)
	}, s.build)
	return s
}

// build lays the tabs out once the settings have landed.
func (s *settingsWindow) build(data settingsData) {
	s.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("Meetings, lock and retention"), container.NewPadded(s.rulesTab(data))),
		container.NewTabItem(lang.L("Case types"), container.NewPadded(s.typesTab(data))),
		container.NewTabItem(lang.L("Holidays"), container.NewPadded(s.holidaysTab(data.holidays))),
		container.NewTabItem(lang.L("Letterhead"), container.NewPadded(s.letterheadTab(data))),
		container.NewTabItem(lang.L("Classification"), container.NewPadded(s.catalogueTab(data.catalogue))),
	)
	s.win.SetContent(s.tabs)
}

func savedNote() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.SuccessImportance
	return l
}

func (s *settingsWindow) rulesTab(data settingsData) fyne.CanvasObject {
	st, err := data.st, data.stErr
	s.quorum, s.majority, s.lock, s.retention = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	s.quorum.SetText(strconv.Itoa(st.Quorum))
	s.majority.SetText(st.Majority.String())
	s.lock.SetText(strconv.Itoa(st.LockMinutes))
	s.retention.SetText(strconv.Itoa(st.RetentionYears))
	s.attachMB = widget.NewEntry()
	s.attachMB.SetText(strconv.FormatInt(st.AttachmentMaxBytes>>20, 10))
	s.rules = newFieldForm()
	s.rules.add("quorum", lang.L("Quorum (members present)"), s.quorum)
	s.rules.add("majority", lang.L("Majority of the non-recused members present"), s.majority)
	s.rules.add("inactivity_lock_minutes", lang.L("Lock after minutes without input"), s.lock)
	s.rules.add("retention_years", lang.L("Years after closure until submitters are anonymised"), s.retention)
	s.rules.add("attachment_max_bytes", lang.L("Largest attachment (MB)"), s.attachMB)
	s.deputy = s.deputySelect(data.users, st.DeputyChairID)
	s.rules.add("deputy_chair", lang.L("Deputy chair (countersigns when the chair is the rapporteur)"), s.deputy)
	s.rulesSaved = savedNote()
	s.saveRules = widget.NewButton(lang.L("Save"), s.submitRules)
	s.saveRules.Importance = widget.HighImportance
	if err != nil {
		s.rules.show(err)
	}
	return container.NewVBox(
		quietText(lang.L("A meeting decides only with the quorum present; a decision carries with the majority, as a fraction such as 2/3, of the members present who are not recused.")),
		s.rules.content(), container.NewHBox(layout.NewSpacer(), s.rulesSaved, s.saveRules))
}

// submitRules reads the four boxes; a box that is not a number is
// reported at that box, then the Service checks the ranges.
func (s *settingsWindow) submitRules() {
	s.rulesSaved.SetText("")
	fe := cases.FieldErrors{}
	st := cases.Settings{}
	var err error
	if st.Quorum, err = strconv.Atoi(strings.TrimSpace(s.quorum.Text)); err != nil {
		fe["quorum"] = lang.L("Enter a whole number of members.")
	}
	if st.Majority, err = cases.ParseFraction(s.majority.Text); err != nil {
		fe["majority"] = lang.L("Write the majority as a fraction such as 2/3, at most 1.")
	}
	if st.LockMinutes, err = strconv.Atoi(strings.TrimSpace(s.lock.Text)); err != nil {
		fe["inactivity_lock_minutes"] = lang.L("Enter a whole number of minutes.")
	}
	if st.RetentionYears, err = strconv.Atoi(strings.TrimSpace(s.retention.Text)); err != nil {
		fe["retention_years"] = lang.L("Enter a whole number of years.")
	}
	if mb, err := strconv.ParseInt(strings.TrimSpace(s.attachMB.Text), 10, 64); err != nil || mb < 1 || mb > cases.MaxAttachmentLimit>>20 {
		fe["attachment_max_bytes"] = lang.L("Enter a whole number of megabytes, from 1 to 500.")
	} else {
		st.AttachmentMaxBytes = mb << 20
	}
	st.DeputyChairID = s.deputyIDs[s.deputy.Selected]
	if len(fe) > 0 {
		s.rules.show(fe)
		return
	}
	s.d.busy(s.win, lang.L("Saving the settings"), func() error {
		return s.d.svc.SaveSettings(context.Background(), s.d.actor, st)
	}, func(err error) {
		if s.rules.show(err) {
			s.rulesSaved.SetText(lang.L("Saved."))
		}
	})
}

// deputySelect offers the active members and chairs as deputy chair, and
// "(none)"; current is selected.
func (s *settingsWindow) deputySelect(users []cases.User, current int64) *widget.Select {
	none := lang.L("(none)")
	s.deputyIDs = map[string]int64{none: 0}
	options, selected := []string{none}, none
	for _, u := range users {
		if !u.Active || (u.Role != cases.RoleMember && u.Role != cases.RoleChair) {
			continue
		}
		label := u.Name() + " (" + u.Username + ")"
		s.deputyIDs[label] = u.ID
		options = append(options, label)
		if u.ID == current {
			selected = label
		}
	}
	sel := widget.NewSelect(options, nil)
	sel.SetSelected(selected)
	return sel
}

func (s *settingsWindow) typesTab(data settingsData) fyne.CanvasObject {
	box := container.NewVBox(quietText(lang.L("The days a case of each type has from its acceptance to the decision. Changing them recomputes the due date of every open case.")))
	types, err := data.types, data.typesErr
	if err != nil {
		box.Add(quietText(domainText(err.Error())))
	}
	for _, t := range types {
		r := &caseTypeRow{t: t, name: widget.NewEntry(), days: widget.NewEntry(), working: widget.NewCheck(lang.L("Working days (skip weekends and holidays)"), nil),
			form: newFieldForm(), saved: savedNote()}
		r.name.SetText(t.Name)
		r.days.SetText(strconv.Itoa(t.DecisionDays))
		r.working.SetChecked(t.WorkingDays)
		r.form.add(cases.FieldType, lang.L("Type name"), r.name)
		r.form.add("decision_days", lang.L("Days to decide"), r.days)
		r.form.add("working_days", "", r.working)
		r.save = widget.NewButton(lang.L("Save"), func() { s.submitType(r) })
		s.types = append(s.types, r)
		box.Add(sectionTitle(s.d.typeName(t.Code)))
		box.Add(r.form.content())
		box.Add(container.NewHBox(layout.NewSpacer(), r.saved, r.save))
		box.Add(widget.NewSeparator())
	}
	s.newType = s.newTypeForm()
	box.Add(s.newType.box)
	return container.NewVScroll(box)
}

func (s *settingsWindow) submitType(r *caseTypeRow) {
	r.saved.SetText("")
	days, err := strconv.Atoi(strings.TrimSpace(r.days.Text))
	if err != nil {
		r.form.show(cases.FieldErrors{"decision_days": lang.L("Enter a whole number of days.")})
		return
	}
	t := r.t
	t.Name, t.DecisionDays, t.WorkingDays = r.name.Text, days, r.working.Checked
	s.d.busy(s.win, lang.L("Saving the settings"), func() error {
		return s.d.svc.SaveCaseType(context.Background(), s.d.actor, t)
	}, func(err error) {
		if r.form.show(err) {
			r.t = t
			r.saved.SetText(lang.L("Saved; open cases' due dates were recomputed."))
			s.d.typesChanged()
		}
	})
}

// typesChanged re-reads the case types (off the main goroutine) and
// refreshes what shows deadlines.
func (d *desk) typesChanged() {
	// Asked again while the server cannot be reached (the register says
	// so above its table), for as long as the register is open.
	var win fyne.Window
	if d.register != nil {
		win = d.register.win
	}
	d.load(win, func(string) {}, nil, func() (func(), error) {
		types, err := d.svc.CaseTypes(context.Background())
		return func() {
			if err == nil {
				d.types = types
			}
			if d.register != nil {
				d.register.filters.typesChanged(d)
				d.register.reload()
			}
			for _, cw := range d.caseWins {
				cw.reload()
			}
		}, unreachableIn(err)
	})
}

func (s *settingsWindow) letterheadTab(data settingsData) fyne.CanvasObject {
	name, address, err := data.name, data.address, data.letterErr
	s.name = widget.NewEntry()
	s.name.SetText(name)
	s.address = widget.NewMultiLineEntry()
	s.address.SetMinRowsVisible(3)
	s.address.SetText(address)
	s.lh = newFieldForm()
	s.lh.add("committee_name", lang.L("Committee name"), s.name)
	s.lh.add("committee_address", lang.L("Address"), s.address)
	s.docLang = newDocumentLanguageChooser(data.docLang, false, data.docLang)
	s.lh.add("document_language", lang.L("Language of documents"), s.docLang.Select)
	s.lhSaved = savedNote()
	s.saveLH = widget.NewButton(lang.L("Save"), func() {
		s.lhSaved.SetText("")
		name, address, language := s.name.Text, s.address.Text, s.docLang.language()
		s.d.busy(s.win, lang.L("Saving the settings"), func() error {
			ctx := context.Background()
			if err := s.d.svc.SaveCommitteeLetterhead(ctx, s.d.actor, name, address); err != nil {
				return err
			}
			return s.d.svc.SaveDocumentLanguage(ctx, s.d.actor, language)
		}, func(err error) {
			if s.lh.show(err) {
				s.lhSaved.SetText(lang.L("Saved."))
			}
		})
	})
	s.saveLH.Importance = widget.HighImportance
	if err != nil {
		s.lh.show(err)
	}
	return container.NewVBox(
		quietText(lang.L("Printed at the top of opinions, letters, minutes and reports.")),
		s.lh.content(), container.NewHBox(layout.NewSpacer(), s.lhSaved, s.saveLH))
}

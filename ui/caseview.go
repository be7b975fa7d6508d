package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// caseWindow shows one case: its fields, how its deadline was computed,
// the moves the user may make and the timeline with the note box. Several
// can be open at once, one per case.
type caseWindow struct {
	d   *desk
	id  int64
	win fyne.Window
	c   cases.Case // as loaded; its Version guards every save from this window

	reference, title, status *widget.Label
	deadline                 *widget.Label
	details                  *fyne.Container
	summary                  *widget.Label
	actions                  *fyne.Container
	edit                     *widget.Button
	moves                    map[cases.Status]*widget.Button
	timeline                 *timelineView
	note                     *escEntry
	notePrivate              *widget.Check
	noteErr                  fieldError
	addNote                  *widget.Button
	problem                  *widget.Label
	attachments              *attachmentsView
	opinion                  *widget.Button // "Opinion…", when offered
	changed                  *widget.Label  // "Changed by … at …", when a colleague changed the case
	actionsGen               int            // bumped per fillActions; older answers are dropped

	pending *moveDialog // the open move dialog, if any

	panel    *panelView        // the "Panel" section (ui/panel.go)
	duties   *dutiesView       // the Article 66 checklist (ui/duties.go)
	interest *interestView     // shown instead of the case until its panel member declares
	full     fyne.CanvasObject // the window's full content, put back after a declaration

	loading   fyne.CanvasObject // "Loading…", the content until the case first lands
	landed    bool              // the case has been shown once
	catalogue string            // the case's classification with its name, as loaded
	issued    bool              // the case's opinion was issued (asked with the actions)
}

// openCase shows case id, bringing its window forward if already open.
func (d *desk) openCase(id int64) *caseWindow {
	if cw, ok := d.caseWins[id]; ok {
		cw.win.RequestFocus()
		return cw
	}
	cw := &caseWindow{d: d, id: id}
	cw.win = d.app.NewWindow(lang.L("Case") + " — " + lang.L("Ethics Desk"))
	cw.build()
	// The window opens at once and fills in when the case lands: over a
	// committee server reading it is a request the window must not wait on.
	placeholder := loadingText()
	cw.loading = container.NewCenter(placeholder)
	cw.win.SetContent(cw.loading)
	d.caseWins[id] = cw
	cw.win.SetOnClosed(func() {
		if d.caseWins[id] == cw {
			delete(d.caseWins, id)
		}
	})
	closeOnEscape(cw.win, cw.escape)
	cw.win.SetOnDropped(cw.dropped)
	cw.win.Resize(fyne.NewSize(1100, 780))
	cw.win.Show()
	loadForSaying(d, cw.win, sayIn(placeholder, nil), func(context.Context) (caseData, error) {
		data := loadCase(d, id, true)
		return data, data.unreachable()
	}, cw.firstLanded)
	return cw
}

// firstLanded shows the case's first load in place of "Loading…"; a case
// that cannot be read closes the window, with the reason over the register.
func (cw *caseWindow) firstLanded(data caseData) {
	if cw.d.caseWins[cw.id] != cw {
		return // closed before the case arrived
	}
	if !cw.apply(data) {
		cw.win.Close()
		return
	}
	cw.landed = true
	if cw.win.Content() == cw.loading {
		cw.win.SetContent(cw.full)
	}
}

// escape closes the open dialog, or else the window.
func (cw *caseWindow) escape() {
	if cw.pending != nil {
		cw.pending.dlg.Hide()
		return
	}
	if top := cw.win.Canvas().Overlays().Top(); top != nil {
		top.Hide()
		return
	}
	cw.win.Close()
}

func (cw *caseWindow) build() {
	cw.reference = widget.NewLabel("")
	cw.reference.TextStyle = fyne.TextStyle{Bold: true}
	cw.reference.SizeName = theme.SizeNameSubHeadingText
	cw.title = widget.NewLabel("")
	cw.title.Truncation = fyne.TextTruncateEllipsis // the full title is the first detail
	cw.title.SizeName = theme.SizeNameSubHeadingText
	cw.status = widget.NewLabel("")
	cw.status.Importance = widget.HighImportance
	cw.status.TextStyle = fyne.TextStyle{Bold: true}
	cw.status.SizeName = theme.SizeNameSubHeadingText
	cw.deadline = widget.NewLabel("")
	cw.deadline.Wrapping = fyne.TextWrapWord
	cw.details = container.New(layout.NewFormLayout())
	cw.summary = widget.NewLabel("")
	cw.summary.Wrapping = fyne.TextWrapWord
	cw.actions = container.NewHBox()
	cw.problem = widget.NewLabel("")
	cw.problem.Importance = widget.DangerImportance
	cw.problem.Wrapping = fyne.TextWrapWord
	cw.problem.Hide()
	cw.changed = widget.NewLabel("")
	cw.changed.Importance = widget.WarningImportance
	cw.changed.Hide()

	cw.timeline = newTimelineView()
	cw.note = newEscEntry(true)
	cw.note.SetMinRowsVisible(3)
	cw.note.SetPlaceHolder(lang.L("Write a note for the committee…"))
	cw.note.onEsc = cw.escape
	keepFastWhenLong(cw.note)
	cw.notePrivate = widget.NewCheck(lang.L("Private to me"), nil)
	cw.noteErr = newFieldError()
	cw.addNote = widget.NewButtonWithIcon(lang.L("Add note"), theme.ContentAddIcon(), cw.submitNote)

	header := container.NewVBox(
		container.NewHBox(cw.reference, cw.status),
		cw.title, cw.changed, cw.actions, widget.NewSeparator())
	for _, b := range banners(cw.d.opt) {
		header.Objects = append([]fyne.CanvasObject{b}, header.Objects...)
	}
	deadlineHead := widget.NewLabel(lang.L("Deadline"))
	deadlineHead.TextStyle = fyne.TextStyle{Bold: true}
	summaryHead := widget.NewLabel(lang.L("Summary"))
	summaryHead.TextStyle = fyne.TextStyle{Bold: true}
	cw.attachments = newAttachmentsView(cw)
	cw.panel = newPanelView(cw)
	cw.duties = newDutiesView(cw)
	left := container.NewVScroll(container.NewVBox(
		deadlineHead, cw.deadline, widget.NewSeparator(),
		cw.details, widget.NewSeparator(), summaryHead, cw.summary, cw.attachments.box, cw.panel.box, cw.duties.box))

	timelineHead := widget.NewLabel(lang.L("Timeline"))
	timelineHead.TextStyle = fyne.TextStyle{Bold: true}
	var noteBox fyne.CanvasObject = container.NewVBox()
	if cw.d.can(cases.ActAddNote) {
		noteBox = container.NewVBox(widget.NewSeparator(), cw.note, cw.noteErr.Label,
			container.NewHBox(cw.notePrivate, layout.NewSpacer(), cw.addNote))
	}
	right := container.NewBorder(timelineHead, noteBox, nil, nil, cw.timeline.scroll)

	split := container.NewHSplit(left, right)
	split.Offset = 0.5
	cw.full = container.NewBorder(container.NewPadded(header), cw.problem, nil, nil, split)
	cw.win.SetContent(cw.full)
}

// reload reads the case and everything its window shows afresh, off the
// main goroutine, and redraws when the answers land (after a save here or
// in another window).
func (cw *caseWindow) reload() {
	cw.refresh()
}

// caseData is what a case window shows, read from the service in one go
// (off the main goroutine when a colleague's change is followed).
type caseData struct {
	c           cases.Case
	err         error // reading the case
	timeline    []cases.TimelineEntry
	timelineErr error
	attachments attachmentsData
	panel       panelData
	duties      dutiesData
	catalogue   string       // the classification with its name ("" for none)
	actions     *caseActions // nil: asked afterwards, in the background
}

// loadCase reads case id and everything its window shows; with actions,
// what the user may do on it too.
func loadCase(d *desk, id int64, actions bool) caseData {
	ctx := context.Background()
	var data caseData
	if data.c, data.err = d.svc.GetCase(ctx, d.actor, id); data.err != nil {
		return data
	}
	data.timeline, data.timelineErr = d.svc.Timeline(ctx, d.actor, id)
	data.attachments = loadAttachments(d, id)
	data.panel = loadPanel(d, data.c)
	data.duties = loadDuties(d, id)
	data.catalogue = catalogueName(d, data.c.CatalogueCode)
	if actions {
		a := askActions(d, data.c)
		data.actions = &a
	}
	return data
}

// unreachable is the failure to reach the committee server among the
// reads of the case, if any: the window asks again for all of it.
func (data caseData) unreachable() error {
	var actions error
	if data.actions != nil {
		actions = data.actions.err
	}
	return unreachableIn(data.err, data.timelineErr, data.attachments.err, data.panel.err, data.duties.err, actions)
}

// sayProblem shows text (the server cannot be reached) on the window's
// problem line, or hides the line ("": the case landed, apply shows it).
func (cw *caseWindow) sayProblem(text string) {
	if text == "" {
		return
	}
	cw.problem.SetText(text)
	cw.problem.Show()
}

// refresh reads the case again off the main goroutine and redraws it when
// the answers land: a colleague changed it.
func (cw *caseWindow) refresh() {
	d, id := cw.d, cw.id
	d.load(cw.win, cw.sayProblem, nil, func() (func(), error) {
		data := loadCase(d, id, true)
		return func() {
			if d.caseWins[id] == cw && cw.landed {
				if !cw.apply(data) {
					cw.win.Close()
				}
			}
		}, data.unreachable()
	})
}

// apply redraws the window from data; false when the case cannot be read
// (the user is told why).
func (cw *caseWindow) apply(data caseData) bool {
	c, err := data.c, data.err
	if err != nil && cw.handleInterest(err) {
		return true // a panel member declares their interests first (ui/panel.go)
	}
	if err != nil {
		if errors.Is(err, cases.ErrNotFound) {
			err = errors.New(lang.L("This case does not exist, or you may not see it."))
		}
		showError(err, cw.parentForErrors())
		return false
	}
	entries, err := data.timeline, data.timelineErr
	if err != nil {
		cw.problem.SetText(lang.L("The timeline could not be read: {{.Error}}", map[string]any{"Error": domainText(err.Error())}))
		cw.problem.Show()
	} else {
		cw.problem.Hide()
	}
	cw.c = c
	cw.catalogue = data.catalogue
	cw.win.SetTitle(c.Reference + " — " + c.Title)
	cw.reference.SetText(c.Reference)
	cw.title.SetText(c.Title)
	cw.status.SetText(statusText(c.Status))
	cw.deadline.SetText(deadlineText(c.Deadline))
	cw.summary.SetText(c.Summary)
	cw.fillDetails()
	if data.actions != nil {
		cw.actionsGen++ // answers still on their way are older
		cw.showActions(*data.actions)
	} else {
		cw.fillActions()
	}
	cw.timeline.show(entries, c.CreatedAt, c.CreatedBy)
	cw.attachments.show(data.attachments)
	cw.panel.show(data.panel)
	cw.duties.show(data.duties)
	return true
}

// parentForErrors is the window a load error is shown on: the case window
// if it is open, else the register.
func (cw *caseWindow) parentForErrors() fyne.Window {
	if (cw.landed && cw.d.caseWins[cw.id] == cw) || cw.d.register == nil {
		return cw.win
	}
	return cw.d.register.win
}

// caseActions are the answers to "what may this user do on this case
// now": questions to the service, asked off the main goroutine because
// over a committee server each is a request.
type caseActions struct {
	moves   []cases.Status
	opinion bool // offer "Opinion…": there is one, or the user may draft it
	letters bool // offer "Letters…"
	issued  bool // an opinion was issued: a notice of decision may be written

	err error // reading the opinion failed: the buttons are what is known
}

// askActions asks the service what actor may do on c (off the main
// goroutine).
func askActions(d *desk, c cases.Case) caseActions {
	var a caseActions
	if d.can(cases.ActMoveCase) {
		a.moves = d.svc.AllowedMoves(d.actor, c)
	}
	op, err := d.svc.Opinion(context.Background(), d.actor, c.ID)
	if errors.Is(err, cases.ErrNotFound) {
		op, err = cases.Opinion{}, nil
	}
	a.err = err
	a.opinion = err == nil && (op.ID != 0 || d.svc.CanDraftOpinion(d.actor, c, op))
	a.issued = err == nil && (op.State == cases.OpinionIssuedState || op.CorrectsID != 0)
	a.letters = c.Submitter.Kind != cases.SubmitterAnonymous && d.svc.MayWriteLetters(d.actor)
	return a
}

// fillActions shows the case's buttons: Edit and History at once, the
// moves, the opinion and the letters once the service has answered.
func (cw *caseWindow) fillActions() {
	cw.showActions(caseActions{})
	c := cw.c
	cw.actionsGen++
	gen := cw.actionsGen
	cw.d.load(cw.win, cw.sayProblem, func() bool { return gen == cw.actionsGen }, func() (func(), error) {
		a := askActions(cw.d, c)
		return func() {
			if gen == cw.actionsGen {
				cw.showActions(a)
			}
		}, unreachableIn(a.err)
	})
}

func (cw *caseWindow) showActions(a caseActions) {
	cw.actions.RemoveAll()
	cw.edit = nil
	cw.issued = a.issued
	if cases.Editable(cw.c.Status) && cw.d.can(cases.ActEditCase) {
		cw.edit = widget.NewButtonWithIcon(lang.L("Edit…"), theme.DocumentCreateIcon(), func() {
			c := cw.c
			cw.d.openIntake(&c)
		})
		cw.actions.Add(cw.edit)
	}
	for _, b := range cw.moveButtons(a.moves) {
		cw.actions.Add(b)
	}
	for _, b := range cw.opinionActions(a) {
		cw.actions.Add(b)
	}
	cw.actions.Add(widget.NewButtonWithIcon(lang.L("History…"), theme.HistoryIcon(), func() { cw.openHistory() }))
	cw.actions.Refresh()
}

func (cw *caseWindow) fillDetails() {
	c := cw.c
	yesNo := func(b bool) string {
		if b {
			return lang.L("Yes")
		}
		return lang.L("No")
	}
	rows := [][2]string{
		{lang.L("Title"), c.Title},
		{lang.L("Type"), cw.d.typeName(c.TypeCode)},
		{lang.L("Received on"), formatDate(c.ReceivedOn)},
		{lang.L("Channel"), codeText(string(c.Channel))},
		{lang.L("Priority"), codeText(string(c.Priority))},
		{lang.L("Confidential case"), yesNo(c.Confidential)},
		{lang.L("Submitted by"), codeText(string(c.Submitter.Kind))},
	}
	switch {
	case !c.AnonymisedAt.IsZero():
		rows = append(rows, [2]string{lang.L("Name"), lang.L("Removed on {{.Date}}, after the retention period",
			map[string]any{"Date": formatDate(cases.DateOf(c.AnonymisedAt))})})
	case cw.d.actor.Can(cases.ActViewSubmitter) && c.Submitter.Kind != cases.SubmitterAnonymous:
		rows = append(rows,
			[2]string{lang.L("Name"), orDash(c.Submitter.Name)},
			[2]string{lang.L("Contact"), orDash(c.Submitter.Contact)},
			[2]string{lang.L("Identity confidential"), yesNo(c.Submitter.Confidential)})
	}
	catalogue := cw.catalogue
	rows = append(rows,
		[2]string{lang.L("Respondent"), orDash(c.Respondent)},
		[2]string{lang.L("AI system"), orDash(c.AISystem)},
		[2]string{lang.L("Sector"), codeText(string(c.Sector))},
		[2]string{lang.L("Classification"), orDash(catalogue)},
		[2]string{lang.L("Risk tier"), codeText(string(c.Risk))},
	)
	if c.Breach != "" {
		rows = append(rows, [2]string{lang.L("Alleged breach"), codeText(string(c.Breach))})
	}
	rows = append(rows,
		[2]string{lang.L("Accepted on"), orDash(formatDate(c.AcceptedOn))},
		[2]string{lang.L("Due"), orDash(formatDate(c.DueOn))},
		[2]string{lang.L("Rapporteur"), orDash(c.Rapporteur)},
		[2]string{lang.L("Registered"), formatDateTime(c.CreatedAt) + " · " + c.CreatedBy},
		[2]string{lang.L("Last changed"), formatDateTime(c.UpdatedAt) + " · " + c.UpdatedBy},
	)
	cw.details.RemoveAll()
	for _, r := range rows {
		k := widget.NewLabel(r[0])
		k.TextStyle = fyne.TextStyle{Bold: true}
		v := widget.NewLabel(r[1])
		v.Wrapping = fyne.TextWrapWord
		cw.details.Add(k)
		cw.details.Add(v)
	}
	cw.details.Refresh()
}

// catalogueName is a classification code with its name from the
// catalogue, read with the case (the code alone if it cannot be read).
func catalogueName(d *desk, code string) string {
	if code == "" {
		return ""
	}
	if cat, err := d.svc.Catalogue(context.Background()); err == nil {
		for _, e := range cat {
			if e.Code == code {
				return code + " — " + e.Name
			}
		}
	}
	return code
}

// submitNote adds the note; the Service's message appears under the box.
func (cw *caseWindow) submitNote() {
	body, private := cw.note.Text, cw.notePrivate.Checked
	// Saving runs off the main goroutine: if another copy of the program
	// holds the register, the window says it is waiting instead of freezing.
	cw.d.busy(cw.win, lang.L("Saving the note"), func() error {
		_, err := cw.d.svc.AddNote(context.Background(), cw.d.actor, cw.id, body, private)
		return err
	}, cw.noteSaved)
}

// noteSaved shows the outcome of submitNote.
func (cw *caseWindow) noteSaved(err error) {
	var fe cases.FieldErrors
	switch {
	case errors.As(err, &fe):
		cw.noteErr.set(fe[cases.FieldNote])
		return
	case err != nil:
		showError(err, cw.win)
		return
	}
	cw.noteErr.set("")
	cw.note.SetText("")
	cw.notePrivate.SetChecked(false)
	cw.d.caseChanged(cw.id)
}

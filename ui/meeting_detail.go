package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
	"ethicsdesk/internal/safefile"
	"ethicsdesk/issuing"
	"ethicsdesk/opinion"
)

// meetingDetail is one meeting: attendance with the quorum, the agenda,
// and for each agenda case the votes of the members present, the tally and
// the outcome the Service computes, with the rule in words.
type meetingDetail struct {
	mw     *meetingsWindow
	scroll *container.Scroll
	box    *fyne.Container
	m      cases.Meeting
	st     cases.Settings
	gen    int // bumped per load; older answers are dropped

	quorum     *widget.Label
	problem    fieldError
	reference  *widget.Entry
	agendaForm *fieldForm
	member     *pick
	consultant *widget.Entry
	attendForm *fieldForm
	minutes    *widget.Button

	votes      map[int64]map[int64]*widget.Select // case id → voter id → vote
	voteErrors map[int64]map[int64]fieldError     // case id → voter id → why the vote was refused
	outcomes   map[int64]*widget.Label            // case id → outcome
	rules      map[int64]*widget.Label            // case id → the rule in words
}

var voteChoices = func() []choice {
	var out []choice
	for _, v := range cases.AllVotes {
		out = append(out, choice{cases.VoteLabel(v), string(v)})
	}
	return out
}()

func newMeetingDetail(mw *meetingsWindow) *meetingDetail {
	md := &meetingDetail{mw: mw, box: container.NewVBox(), problem: newFieldError()}
	md.box.Add(quietText(lang.L("Choose a meeting on the left, or create one.")))
	md.scroll = container.NewVScroll(container.NewPadded(md.box))
	return md
}

// meetingData is one meeting as its pane shows it, read off the main
// goroutine: the meeting, the rules, the members who may be marked
// present, and each agenda case's votes and panel.
type meetingData struct {
	m      cases.Meeting
	st     cases.Settings
	users  []cases.User
	agenda map[int64]agendaData // by case id
}

// agendaData is one agenda case's tally, the votes cast and who on its
// panel is recused.
type agendaData struct {
	tally   cases.Tally
	cast    []cases.CastVote
	err     error
	recused map[int64]bool
}

func loadMeeting(d *desk, id int64) (meetingData, error) {
	ctx := context.Background()
	var data meetingData
	var err error
	if data.m, err = d.svc.Meeting(ctx, d.actor, id); err != nil {
		return data, err
	}
	if data.st, err = d.svc.Settings(ctx); err != nil {
		return data, err
	}
	if d.can(cases.ActManageMeetings) {
		data.users, _ = d.svc.Users(ctx, d.actor)
	}
	data.agenda = map[int64]agendaData{}
	for _, item := range data.m.Agenda {
		var a agendaData
		a.tally, a.cast, a.err = d.svc.Tally(ctx, d.actor, id, item.CaseID)
		a.recused = map[int64]bool{}
		// A recused member's vote does not count, on the panel or not.
		if panel, err := d.svc.Panel(ctx, d.actor, item.CaseID); err == nil {
			for _, p := range panel {
				a.recused[p.UserID] = p.Recused()
			}
		}
		if readers, err := d.svc.OffPanelDeclarations(ctx, d.actor, item.CaseID); err == nil {
			for _, p := range readers {
				a.recused[p.UserID] = p.Recused()
			}
		}
		data.agenda[item.CaseID] = a
	}
	return data, nil
}

// load reads meeting id off the main goroutine and shows it when it
// lands; "Loading…" stands in the pane meanwhile.
func (md *meetingDetail) load(id int64) {
	md.box.RemoveAll()
	md.box.Add(loadingText())
	md.box.Refresh()
	md.loadThen(id, nil)
}

// loadThen reads meeting id and shows it, then runs after (if set).
func (md *meetingDetail) loadThen(id int64, after func()) {
	d := md.mw.d
	md.gen++
	gen := md.gen
	wanted := func() bool { return gen == md.gen } // another meeting was chosen meanwhile
	d.load(md.mw.win, md.sayProblem, wanted, func() (func(), error) {
		data, err := loadMeeting(d, id)
		return func() {
			if gen != md.gen {
				return // another meeting was chosen meanwhile
			}
			if err != nil {
				md.box.RemoveAll()
				md.box.Add(md.problem.Label)
				md.problem.set(userText(err))
				md.box.Refresh()
				return
			}
			md.m, md.st = data.m, data.st
			md.build(data)
			if after != nil {
				after()
			}
		}, err
	})
}

// sayProblem shows text (the server cannot be reached) in the pane in
// place of the meeting; "" clears it for the meeting that landed.
func (md *meetingDetail) sayProblem(text string) {
	if text == "" {
		md.problem.set("")
		return
	}
	md.box.RemoveAll()
	md.box.Add(md.problem.Label)
	md.problem.set(text)
	md.box.Refresh()
}

func (md *meetingDetail) reloadKeepingScroll() {
	off := md.scroll.Offset
	md.loadThen(md.m.ID, func() { md.scroll.ScrollToOffset(off) })
}

func (md *meetingDetail) done(err error) {
	if err != nil {
		md.problem.set(userText(err))
		return
	}
	md.problem.set("")
	md.reloadKeepingScroll()
}

// change saves a change to the meeting off the main goroutine (desk.busy)
// and shows the outcome: on form when set, else under the title; the
// meeting is read again once it is saved.
func (md *meetingDetail) change(form *fieldForm, work func(ctx context.Context) error) {
	d := md.mw.d
	d.busy(md.mw.win, lang.L("Saving the meeting"), func() error { return work(context.Background()) }, func(err error) {
		if form == nil {
			md.done(err)
			return
		}
		if form.show(err) {
			md.reloadKeepingScroll()
		}
	})
}

func (md *meetingDetail) build(data meetingData) {
	d := md.mw.d
	m := md.m
	manage := d.can(cases.ActManageMeetings)
	md.box.RemoveAll()
	md.votes, md.outcomes, md.rules = map[int64]map[int64]*widget.Select{}, map[int64]*widget.Label{}, map[int64]*widget.Label{}
	md.voteErrors = map[int64]map[int64]fieldError{}

	title := widget.NewLabel(orDash(m.Title))
	title.TextStyle = fyne.TextStyle{Bold: true}
	title.SizeName = theme.SizeNameSubHeadingText
	md.minutes = widget.NewButtonWithIcon(lang.L("Minutes (PDF)…"), theme.DocumentSaveIcon(), md.saveMinutes)
	md.box.Add(container.NewBorder(nil, nil, nil, md.minutes, title))
	md.box.Add(widget.NewLabel(lang.L("Held on {{.Date}}", map[string]any{"Date": formatDate(m.HeldOn)})))
	md.box.Add(md.problem.Label)

	// Attendance and quorum.
	md.box.Add(widget.NewSeparator())
	md.box.Add(sectionTitle(lang.L("Attendance")))
	md.quorum = widget.NewLabel(quorumText(m.MembersPresent(), md.st.Quorum))
	md.quorum.TextStyle = fyne.TextStyle{Bold: true}
	if m.MembersPresent() >= md.st.Quorum {
		md.quorum.Importance = widget.SuccessImportance
	} else {
		md.quorum.Importance = widget.WarningImportance
	}
	md.box.Add(md.quorum)
	att := container.New(layout.NewFormLayout())
	for _, a := range m.Attendance {
		a := a
		capacity := lang.L("member")
		if a.Capacity == cases.CapacityConsultant {
			capacity = lang.L("consultant, does not vote")
		}
		var right fyne.CanvasObject = widget.NewLabel(capacity)
		if manage {
			rm := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() {
				md.change(nil, func(ctx context.Context) error { return d.svc.RemoveAttendee(ctx, d.actor, m.ID, a.ID) })
			})
			rm.Importance = widget.LowImportance
			right = container.NewBorder(nil, nil, nil, rm, right)
		}
		att.Add(widget.NewLabel(a.Name))
		att.Add(right)
	}
	if len(m.Attendance) == 0 {
		md.box.Add(quietText(lang.L("No one is recorded as present yet.")))
	}
	md.box.Add(att)
	if manage {
		md.box.Add(md.attendanceControls(data.users))
	}

	// Agenda, votes and outcomes.
	md.box.Add(widget.NewSeparator())
	md.box.Add(sectionTitle(lang.L("Agenda")))
	if len(m.Agenda) == 0 {
		md.box.Add(quietText(lang.L("No cases are on the agenda yet.")))
	}
	for _, item := range m.Agenda {
		md.box.Add(md.agendaItem(item, data.agenda[item.CaseID], manage))
	}
	if manage {
		md.reference = widget.NewEntry()
		md.reference.SetPlaceHolder(lang.L("Case reference, e.g. EC-2026-0001"))
		md.reference.OnSubmitted = func(string) { md.addToAgenda() }
		md.agendaForm = newFieldForm()
		md.agendaForm.add("reference", lang.L("Add a case"), md.reference)
		add := widget.NewButtonWithIcon(lang.L("Add to agenda"), theme.ContentAddIcon(), md.addToAgenda)
		md.box.Add(md.agendaForm.content())
		md.box.Add(container.NewHBox(layout.NewSpacer(), add))
	}
	md.box.Refresh()
}

// quorumText says whether the members present make the quorum.
func quorumText(present, quorum int) string {
	if present >= quorum {
		return lang.L("Quorum met: {{.Present}} members present, at least {{.Quorum}} required.", map[string]any{"Present": present, "Quorum": quorum})
	}
	return lang.L("Quorum not met: {{.Present}} members present, at least {{.Quorum}} required. The meeting cannot decide.", map[string]any{"Present": present, "Quorum": quorum})
}

func (md *meetingDetail) attendanceControls(users []cases.User) fyne.CanvasObject {
	d := md.mw.d
	present := map[int64]bool{}
	for _, a := range md.m.Attendance {
		present[a.UserID] = true
	}
	var opts []choice
	for _, u := range users {
		if u.Active && (u.Role == cases.RoleMember || u.Role == cases.RoleChair) && !present[u.ID] {
			opts = append(opts, choice{u.Name(), itoa64(u.ID)})
		}
	}
	md.member = newPick(opts, lang.L("Choose a member"))
	md.consultant = widget.NewEntry()
	md.consultant.SetPlaceHolder(lang.L("Consultant's name"))
	md.attendForm = newFieldForm()
	markPresent := widget.NewButton(lang.L("Mark present"), func() {
		id := parseID(md.member.value())
		if id == 0 {
			md.attendForm.show(cases.FieldErrors{"member": lang.L("Choose a member first.")})
			return
		}
		mID := md.m.ID
		md.change(md.attendForm, func(ctx context.Context) error { return d.svc.AddMemberAttendance(ctx, d.actor, mID, id) })
	})
	addConsultant := widget.NewButton(lang.L("Add consultant"), func() {
		mID, name := md.m.ID, md.consultant.Text
		md.change(md.attendForm, func(ctx context.Context) error { return d.svc.AddConsultant(ctx, d.actor, mID, name) })
	})
	md.attendForm.add("member", lang.L("Member"), container.NewBorder(nil, nil, nil, markPresent, md.member.Select))
	md.attendForm.add("name", lang.L("Consultant"), container.NewBorder(nil, nil, nil, addConsultant, md.consultant))
	return md.attendForm.content()
}

func (md *meetingDetail) addToAgenda() {
	d := md.mw.d
	ref, mID := md.reference.Text, md.m.ID
	md.change(md.agendaForm, func(ctx context.Context) error {
		c, err := d.svc.FindCase(ctx, d.actor, ref)
		var id int64
		var u unreachable
		switch {
		case err == nil:
			id = c.ID
		case md.handleSummaryOnly(err, &id):
		case asUnreachable(err, &u):
			return err
		default:
			return cases.FieldErrors{"reference": lang.L("There is no case {{.Reference}} in this register.", map[string]any{"Reference": ref})}
		}
		return d.svc.AddToAgenda(ctx, d.actor, mID, id)
	})
}

// handleSummaryOnly accepts a case the actor knows only by its summary
// (a chair on its panel who has not declared yet): it may still go on
// the agenda.
func (md *meetingDetail) handleSummaryOnly(err error, id *int64) bool {
	var ie *cases.InterestError
	ok := errors.As(err, &ie)
	if ok {
		*id = ie.Summary.ID
	}
	return ok
}

// agendaItem is one case on the agenda: its votes and its outcome.
func (md *meetingDetail) agendaItem(item cases.AgendaItem, data agendaData, manage bool) fyne.CanvasObject {
	d := md.mw.d
	m := md.m
	head := item.Reference
	if item.Title != "" {
		head += " — " + item.Title
	}
	title := widget.NewLabel(head)
	title.TextStyle = fyne.TextStyle{Bold: true}
	title.Wrapping = fyne.TextWrapWord
	open := widget.NewButtonWithIcon("", theme.VisibilityIcon(), func() { d.openCase(item.CaseID) })
	open.Importance = widget.LowImportance
	right := container.NewHBox(open)
	if manage {
		rm := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			md.change(nil, func(ctx context.Context) error { return d.svc.RemoveFromAgenda(ctx, d.actor, m.ID, item.CaseID) })
		})
		rm.Importance = widget.LowImportance
		right.Add(rm)
	}
	box := container.NewVBox(container.NewBorder(nil, nil, nil, right, title))

	tally, cast, err := data.tally, data.cast, data.err
	if err != nil {
		box.Add(quietText(userText(err)))
		return container.NewPadded(box)
	}
	recused := data.recused
	byVoter := map[int64]cases.Vote{}
	for _, v := range cast {
		byVoter[v.UserID] = v.Vote
	}
	grid := container.New(layout.NewFormLayout())
	md.votes[item.CaseID] = map[int64]*widget.Select{}
	md.voteErrors[item.CaseID] = map[int64]fieldError{}
	for _, a := range m.Attendance {
		if a.Capacity != cases.CapacityMember {
			continue
		}
		grid.Add(widget.NewLabel(a.Name))
		if recused[a.UserID] {
			l := widget.NewLabel(lang.L("Recused: does not vote"))
			l.Importance = widget.WarningImportance
			grid.Add(l)
			continue
		}
		grid.Add(md.voteControl(item.CaseID, a.UserID, byVoter))
	}
	box.Add(grid)
	outcome := widget.NewLabel("")
	outcome.TextStyle = fyne.TextStyle{Bold: true}
	rule := widget.NewLabel("")
	rule.Wrapping = fyne.TextWrapWord
	md.outcomes[item.CaseID], md.rules[item.CaseID] = outcome, rule
	md.showTally(item.CaseID, tally)
	box.Add(outcome)
	box.Add(rule)
	box.Add(widget.NewSeparator())
	return box
}

// voteControl is one member's vote on one agenda case, with the line under
// it that says why a vote was refused. A vote is shown only once it is
// stored: a refused choice puts the control back to the stored vote.
func (md *meetingDetail) voteControl(caseID, voterID int64, stored map[int64]cases.Vote) fyne.CanvasObject {
	d := md.mw.d
	p := newPick(voteChoices, lang.L("Not voted"))
	if v, ok := stored[voterID]; ok {
		p.set(string(v))
	}
	problem := newFieldError()
	resetting := false
	p.OnChanged = func(string) {
		if resetting {
			return
		}
		mID, vote := md.m.ID, cases.Vote(p.value())
		var tally cases.Tally
		var cast []cases.CastVote
		var terr error
		// The vote and the new tally are asked off the main goroutine.
		d.busy(md.mw.win, lang.L("Saving the meeting"), func() error {
			ctx := context.Background()
			err := d.svc.RecordVote(ctx, d.actor, mID, caseID, voterID, vote)
			tally, cast, terr = d.svc.Tally(ctx, d.actor, mID, caseID)
			return err
		}, func(err error) { md.voted(p, problem, &resetting, voterID, caseID, err, tally, cast, terr) })
	}
	if !d.can(cases.ActRecordVotes) && !(voterID == d.actor.ID && d.can(cases.ActVote)) {
		p.Disable()
	}
	md.votes[caseID][voterID] = p.Select
	md.voteErrors[caseID][voterID] = problem
	return withError(p.Select, problem)
}

// voted shows a vote's outcome: the new tally, or the refusal with the
// control put back to the stored vote.
func (md *meetingDetail) voted(p *pick, problem fieldError, resetting *bool, voterID, caseID int64, err error, tally cases.Tally, cast []cases.CastVote, terr error) {
	if err != nil {
		problem.set(userText(err))
		*resetting = true
		p.ClearSelected()
		for _, v := range cast {
			if v.UserID == voterID {
				p.set(string(v.Vote))
			}
		}
		*resetting = false
	} else {
		problem.set("")
	}
	if terr != nil {
		problem.set(userText(terr))
		return
	}
	md.showTally(caseID, tally)
}

// showTally puts the outcome computed from the stored votes in place,
// without rebuilding the pane (which would move its scroll position).
func (md *meetingDetail) showTally(caseID int64, tally cases.Tally) {
	outcome, rule := md.outcomes[caseID], md.rules[caseID]
	outcome.Importance = widget.MediumImportance
	switch tally.Outcome {
	case cases.OutcomeApproved, cases.OutcomeApprovedModified:
		outcome.Importance = widget.SuccessImportance
	case cases.OutcomeNotCarried, cases.OutcomeNoQuorum:
		outcome.Importance = widget.WarningImportance
	}
	outcome.SetText(lang.L("Outcome: {{.Outcome}}", map[string]any{"Outcome": cases.OutcomeLabel(tally.Outcome)}))
	rule.SetText(cases.RuleInWords(tally, md.st.Quorum, md.st.Majority))
}

// saveMinutes asks where to save the minutes and writes them.
func (md *meetingDetail) saveMinutes() {
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		// The minutes are collected from the register off the main goroutine.
		opts, id := md.mw.d.saveOptions(), md.m.ID
		md.mw.d.busy(md.mw.win, lang.L("Saving the document"), func() error { return md.writeMinutes(path, id, opts) }, func(err error) {
			if err != nil {
				showError(err, md.mw.win)
				return
			}
			dialog.ShowInformation(lang.L("Minutes (PDF)…"), lang.L("The minutes were saved to {{.Path}}.", map[string]any{"Path": path}), md.mw.win)
		})
	}, md.mw.win)
	save.SetFileName(issuing.MinutesReference(md.m) + ".pdf")
	save.Show()
}

// writeMinutes renders the minutes of the meeting shown to path.
func (md *meetingDetail) writeMinutes(path string, meetingID int64, opts safefile.Options) error {
	d := md.mw.d
	ctx := context.Background()
	mi, err := issuing.CollectMinutes(ctx, d.svc, d.actor, meetingID)
	if err != nil {
		return err
	}
	name, address, err := d.svc.CommitteeLetterhead(ctx)
	if err != nil {
		return err
	}
	docLang, _ := d.svc.DocumentLanguage(ctx)
	pdf, err := issuing.RenderMinutes(opinion.Letterhead{Name: name, Address: address, Language: opinion.Language(docLang)}, mi)
	if err != nil {
		return err
	}
	return safefile.WriteBytes(path, pdf, opts)
}

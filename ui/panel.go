package ui

import (
	"context"
	"errors"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// panelView is the "Panel" section of a case window: the rapporteur, the
// panel members with their declarations, the declarations of members who
// read the case without being on its panel (apart, as they are not the
// panel), and for a minimal-risk case the simplified procedure. The secretariat assigns; everyone who may read the
// case sees who is recused and why.
type panelView struct {
	cw  *caseWindow
	box *fyne.Container

	members    []cases.PanelMember
	reviewers  []cases.User // active members and the chair, for the pickers
	rapporteur *pick
	addMember  *pick
	problem    fieldError
	simplified *simplifiedView
}

func newPanelView(cw *caseWindow) *panelView {
	p := &panelView{cw: cw, box: container.NewVBox(), problem: newFieldError()}
	p.simplified = &simplifiedView{p: p, box: container.NewVBox()}
	return p
}

// panelData is a case's panel as read from the service: its members, the
// accounts that could join it, and the simplified procedure (for a
// minimal-risk case).
type panelData struct {
	members       []cases.PanelMember
	readers       []cases.PanelMember // declared off the panel
	err           error
	users         []cases.User
	usersErr      error
	simplified    cases.Simplified
	simplifiedErr error
}

func loadPanel(d *desk, c cases.Case) panelData {
	ctx := context.Background()
	var data panelData
	if data.members, data.err = d.svc.Panel(ctx, d.actor, c.ID); data.err != nil {
		return data
	}
	if data.readers, data.err = d.svc.OffPanelDeclarations(ctx, d.actor, c.ID); data.err != nil {
		return data
	}
	data.users, data.usersErr = d.svc.Users(ctx, d.actor)
	if c.Risk == cases.RiskLow {
		data.simplified, data.simplifiedErr = d.svc.SimplifiedStatus(ctx, d.actor, c.ID)
	}
	return data
}

// show draws the panel read; the case window calls it on every reload.
func (p *panelView) show(data panelData) {
	d := p.cw.d
	if cw := p.cw; cw.interest != nil { // the case opened: the declaration screen gives way
		cw.interest = nil
		cw.win.SetContent(cw.full)
	}
	p.box.RemoveAll()
	p.box.Add(widget.NewSeparator())
	p.box.Add(sectionTitle(lang.L("Panel")))
	members, err := data.members, data.err
	if err != nil {
		p.box.Add(quietText(err.Error()))
		return
	}
	p.members = members
	if users, err := data.users, data.usersErr; err == nil {
		p.reviewers = p.reviewers[:0]
		for _, u := range users {
			if u.Active && (u.Role == cases.RoleMember || u.Role == cases.RoleChair) {
				p.reviewers = append(p.reviewers, u)
			}
		}
	}
	rows := container.New(layout.NewFormLayout())
	if len(members) == 0 {
		p.box.Add(quietText(lang.L("No panel has been assigned yet.")))
	}
	for _, m := range members {
		m := m
		name := widget.NewLabel(m.Name)
		name.TextStyle = fyne.TextStyle{Bold: m.Rapporteur}
		if m.Rapporteur {
			name.SetText(m.Name + " · " + lang.L("rapporteur"))
		}
		state := widget.NewLabel(declarationText(m))
		state.Wrapping = fyne.TextWrapWord
		if m.Recused() {
			state.Importance = widget.WarningImportance
		}
		var right fyne.CanvasObject = state
		if d.can(cases.ActAssignPanel) && !m.Recused() && !m.Rapporteur {
			remove := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { p.remove(m) })
			remove.Importance = widget.LowImportance
			right = container.NewBorder(nil, nil, nil, remove, state)
		}
		rows.Add(name)
		rows.Add(right)
	}
	p.box.Add(rows)
	if len(data.readers) > 0 {
		p.box.Add(quietText(lang.L("Declared without being on the panel:")))
		readers := container.New(layout.NewFormLayout())
		for _, m := range data.readers {
			state := widget.NewLabel(declarationText(m))
			state.Wrapping = fyne.TextWrapWord
			if m.Recused() {
				state.Importance = widget.WarningImportance
			}
			readers.Add(widget.NewLabel(m.Name))
			readers.Add(state)
		}
		p.box.Add(readers)
	}
	if d.can(cases.ActAssignPanel) {
		p.box.Add(p.assignControls())
	}
	p.box.Add(p.problem.Label)
	p.simplified.show(data.simplified, data.simplifiedErr)
	p.box.Add(p.simplified.box)
	p.box.Refresh()
}

// declarationText says where a member stands for this case.
func declarationText(m cases.PanelMember) string {
	switch m.Conflict {
	case cases.NoConflict:
		return lang.L("No conflict of interest declared")
	case cases.ConflictDeclared:
		return lang.L("Recused: {{.Reason}}", map[string]any{"Reason": m.Reason})
	}
	return lang.L("Has not declared yet")
}

func (p *panelView) reviewerChoices(skipPanel bool) []choice {
	on := map[int64]bool{}
	for _, m := range p.members {
		on[m.UserID] = true
	}
	var out []choice
	for _, u := range p.reviewers {
		if skipPanel && on[u.ID] {
			continue
		}
		out = append(out, choice{u.Name(), itoa64(u.ID)})
	}
	return out
}

func (p *panelView) assignControls() fyne.CanvasObject {
	p.rapporteur = newPick(p.reviewerChoices(false), lang.L("Choose the rapporteur"))
	p.addMember = newPick(p.reviewerChoices(true), lang.L("Choose a member"))
	assign := widget.NewButton(lang.L("Make rapporteur"), p.assignRapporteur)
	add := widget.NewButtonWithIcon(lang.L("Add to panel"), theme.ContentAddIcon(), p.add)
	return container.NewVBox(
		container.NewBorder(nil, nil, nil, assign, p.rapporteur.Select),
		container.NewBorder(nil, nil, nil, add, p.addMember.Select))
}

// change saves a change to the panel off the main goroutine (desk.busy);
// a refusal is said under the panel, a success redraws the case.
func (p *panelView) change(save func(ctx context.Context, d *desk, caseID int64) error) {
	cw := p.cw
	cw.d.busy(cw.win, lang.L("Saving the case"), func() error { return save(context.Background(), cw.d, cw.id) }, func(err error) {
		if err != nil {
			p.problem.set(userText(err))
			return
		}
		p.problem.set("")
		cw.d.caseChanged(cw.id)
	})
}

func (p *panelView) assignRapporteur() {
	id := parseID(p.rapporteur.value())
	if id == 0 {
		p.problem.set(lang.L("Choose the rapporteur first."))
		return
	}
	p.change(func(ctx context.Context, d *desk, caseID int64) error {
		_, err := d.svc.AssignRapporteur(ctx, d.actor, caseID, id)
		return err
	})
}

func (p *panelView) add() {
	id := parseID(p.addMember.value())
	if id == 0 {
		p.problem.set(lang.L("Choose a member first."))
		return
	}
	p.change(func(ctx context.Context, d *desk, caseID int64) error {
		return d.svc.AddPanelMember(ctx, d.actor, caseID, id)
	})
}

func (p *panelView) remove(m cases.PanelMember) {
	p.change(func(ctx context.Context, d *desk, caseID int64) error {
		return d.svc.RemovePanelMember(ctx, d.actor, caseID, m.UserID)
	})
}

// interestView replaces a case window's content for a panel member who has
// not declared (or who is recused): only the reference, type and
// respondent, and the declaration itself.
type interestView struct {
	cw         *caseWindow
	noConflict *widget.Button
	conflict   *widget.Button
	reason     *widget.Entry
	form       *fieldForm
}

// showInterest draws the declaration screen in place of the case; the
// case window's full content comes back once the member declares no
// conflict.
func (cw *caseWindow) showInterest(ie *cases.InterestError) {
	iv := &interestView{cw: cw, reason: widget.NewMultiLineEntry(), form: newFieldForm()}
	cw.interest = iv
	s := ie.Summary
	cw.win.SetTitle(s.Reference + " — " + lang.L("Ethics Desk"))
	ref := widget.NewLabel(s.Reference)
	ref.TextStyle = fyne.TextStyle{Bold: true}
	ref.SizeName = theme.SizeNameSubHeadingText
	facts := container.New(layout.NewFormLayout(),
		sectionTitle(lang.L("Type")), widget.NewLabel(cw.d.typeName(s.TypeCode)),
		sectionTitle(lang.L("Respondent")), widget.NewLabel(orDash(s.Respondent)))
	body := container.NewVBox(ref, facts, widget.NewSeparator())
	if ie.Recused {
		msg := widget.NewLabel(lang.L("You declared a conflict of interest for this case, so its details, notes, votes and signatures are closed to you."))
		msg.Wrapping = fyne.TextWrapWord
		msg.Importance = widget.WarningImportance
		body.Add(sectionTitle(lang.L("You are recused")))
		body.Add(msg)
		body.Add(container.NewHBox(widget.NewLabel(lang.L("Your reason:")), widget.NewLabel(ie.Reason)))
	} else {
		body.Add(sectionTitle(lang.L("Declare your interests")))
		why := lang.L("You are on this case's panel. Its details, notes and attachments open once you declare that you have no conflict of interest. If you have one, say briefly what it is: you will be recused, and the case will show who stood aside and why. A recusal cannot be withdrawn.")
		if ie.OffPanel {
			why = lang.L("Every member declares before reading a case or voting on it, on its panel or not. Its details, notes and attachments open once you declare that you have no conflict of interest. If you have one, say briefly what it is: you will be recused, and the case will show who stood aside and why. A recusal cannot be withdrawn.")
		}
		body.Add(plainText(why))
		iv.noConflict = widget.NewButtonWithIcon(lang.L("I have no conflict of interest"), theme.ConfirmIcon(), iv.declareNone)
		iv.noConflict.Importance = widget.HighImportance
		iv.reason.SetMinRowsVisible(3)
		iv.reason.SetPlaceHolder(lang.L("e.g. I advised the respondent on this system in 2025."))
		iv.form.add("conflict_reason", lang.L("Conflict"), iv.reason)
		iv.conflict = widget.NewButtonWithIcon(lang.L("Declare the conflict and stand aside"), theme.WarningIcon(), iv.declareConflict)
		body.Add(container.NewHBox(iv.noConflict))
		body.Add(widget.NewSeparator())
		body.Add(iv.form.content())
		body.Add(container.NewHBox(layout.NewSpacer(), iv.conflict))
	}
	var header fyne.CanvasObject = container.NewVBox()
	if bs := banners(cw.d.opt); len(bs) > 0 {
		header = container.NewVBox(bs...)
	}
	cw.win.SetContent(container.NewBorder(header, nil, nil, nil, container.NewPadded(body)))
}

func (iv *interestView) declareNone() {
	iv.submit(false)
}

func (iv *interestView) declareConflict() {
	iv.submit(true)
}

func (iv *interestView) submit(conflict bool) {
	cw := iv.cw
	reason := iv.reason.Text
	cw.d.busy(cw.win, lang.L("Saving the case"), func() error {
		return cw.d.svc.DeclareInterest(context.Background(), cw.d.actor, cw.id, conflict, reason)
	}, func(err error) {
		if !iv.form.show(err) {
			return
		}
		cw.interest = nil
		cw.win.SetContent(cw.full)
		cw.d.caseChanged(cw.id) // the case opens, or the recusal is shown
	})
}

// openError is what a case window does when GetCase refuses: the
// declaration screen for a panel member, false otherwise.
func (cw *caseWindow) handleInterest(err error) bool {
	var ie *cases.InterestError
	if !errors.As(err, &ie) {
		return false
	}
	cw.showInterest(ie)
	return true
}

// simplifiedView is the simplified procedure of a minimal-risk case: the
// designated members and their views, the outcome, a designation for the
// secretariat and the view form for a designated member.
type simplifiedView struct {
	p      *panelView
	box    *fyne.Container
	state  cases.Simplified
	checks map[int64]*widget.Check
	view   *pick
	remark *widget.Entry
	form   *fieldForm
}

// show draws the simplified procedure's state (minimal-risk cases only).
func (s *simplifiedView) show(st cases.Simplified, err error) {
	s.box.RemoveAll()
	cw := s.p.cw
	if cw.c.Risk != cases.RiskLow {
		return
	}
	d := cw.d
	s.box.Add(widget.NewSeparator())
	s.box.Add(sectionTitle(lang.L("Simplified procedure")))
	if err != nil {
		s.box.Add(quietText(err.Error()))
		return
	}
	s.state = st
	if len(st.Views) == 0 {
		s.box.Add(quietText(lang.L("Minimal-risk case: two or more designated members may decide it without a meeting, if their views agree.")))
	}
	me := false
	rows := container.New(layout.NewFormLayout())
	for _, v := range st.Views {
		rows.Add(widget.NewLabel(v.Name))
		text := lang.L("View not recorded yet")
		if v.View != "" {
			text = cases.VoteLabel(v.View)
			if v.Comment != "" {
				text += " — " + v.Comment
			}
		}
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		rows.Add(l)
		if v.UserID == d.actor.ID && v.View == "" {
			me = true
		}
	}
	s.box.Add(rows)
	if len(st.Views) > 0 {
		out := widget.NewLabel(lang.L("Outcome: {{.Outcome}}", map[string]any{"Outcome": cases.OutcomeLabel(st.Outcome)}))
		out.TextStyle = fyne.TextStyle{Bold: true}
		s.box.Add(out)
	}
	if me && st.Outcome == cases.OutcomePending {
		s.box.Add(s.viewForm())
	}
	if d.can(cases.ActSimplified) && st.Outcome == cases.OutcomePending && !anyView(st.Views) {
		s.box.Add(s.designateControls())
	}
}

func anyView(vs []cases.SimplifiedView) bool {
	for _, v := range vs {
		if v.View != "" {
			return true
		}
	}
	return false
}

func (s *simplifiedView) designateControls() fyne.CanvasObject {
	s.checks = map[int64]*widget.Check{}
	chosen := map[int64]bool{}
	for _, v := range s.state.Views {
		chosen[v.UserID] = true
	}
	grid := container.NewGridWithColumns(2)
	for _, u := range s.p.reviewers {
		c := widget.NewCheck(u.Name(), nil)
		c.SetChecked(chosen[u.ID])
		s.checks[u.ID] = c
		grid.Add(c)
	}
	s.form = newFieldForm()
	designate := widget.NewButton(lang.L("Designate"), s.designate)
	return container.NewVBox(quietText(lang.L("Designate the members who decide (at least two):")), grid,
		s.form.content(), container.NewHBox(layout.NewSpacer(), designate))
}

func (s *simplifiedView) designate() {
	var ids []int64
	for _, u := range s.p.reviewers {
		if c := s.checks[u.ID]; c != nil && c.Checked {
			ids = append(ids, u.ID)
		}
	}
	s.save(func(ctx context.Context, d *desk, caseID int64) error {
		return d.svc.DesignateSimplified(ctx, d.actor, caseID, ids)
	})
}

// save saves off the main goroutine (desk.busy); a refusal is said on the
// form, a success redraws the case.
func (s *simplifiedView) save(work func(ctx context.Context, d *desk, caseID int64) error) {
	cw := s.p.cw
	cw.d.busy(cw.win, lang.L("Saving the case"), func() error { return work(context.Background(), cw.d, cw.id) }, func(err error) {
		if s.form.show(err) {
			cw.d.caseChanged(cw.id)
		}
	})
}

func (s *simplifiedView) viewForm() fyne.CanvasObject {
	s.view = newPick([]choice{{cases.VoteLabel(cases.VoteApprove), string(cases.VoteApprove)},
		{cases.VoteLabel(cases.VoteApproveModified), string(cases.VoteApproveModified)},
		{cases.VoteLabel(cases.VoteReject), string(cases.VoteReject)}}, lang.L("Choose your view"))
	s.remark = widget.NewMultiLineEntry()
	s.remark.SetMinRowsVisible(2)
	s.form = newFieldForm()
	s.form.add("vote", lang.L("Your view"), s.view.Select)
	s.form.add("comment", lang.L("Comment"), s.remark)
	record := widget.NewButton(lang.L("Record my view"), func() {
		view, remark := cases.Vote(s.view.value()), s.remark.Text
		s.save(func(ctx context.Context, d *desk, caseID int64) error {
			_, err := d.svc.RecordView(ctx, d.actor, caseID, view, remark)
			return err
		})
	})
	record.Importance = widget.HighImportance
	return container.NewVBox(s.form.content(), container.NewHBox(layout.NewSpacer(), record))
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// parseID reads a picker's value back into an id; 0 when none is chosen.
func parseID(s string) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0
	}
	return n
}

// plainText is a wrapped sentence at normal contrast.
func plainText(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

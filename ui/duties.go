package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// dutiesView is the case window's checklist of the duties Article 66 sets
// for the AI system's risk tier. The panel marks each duty met (with the
// evidence) or not met; everyone who reads the case sees the marks, and
// the opinion prints them in its findings.
type dutiesView struct {
	cw   *caseWindow
	box  *fyne.Container
	rows map[cases.Duty]*dutyRow // for tests
}

// dutyRow is one duty: met or not, its evidence, who checked it.
type dutyRow struct {
	met      *widget.Check
	evidence *widget.Entry
	record   *widget.Button
	err      fieldError
	marked   *widget.Label
}

func newDutiesView(cw *caseWindow) *dutiesView {
	return &dutiesView{cw: cw, box: container.NewVBox()}
}

// dutiesData is a case's checklist as read with the case (off the main
// goroutine): the duties, and whether this user may mark them.
type dutiesData struct {
	checks []cases.DutyCheck
	err    error
	may    bool
}

func loadDuties(d *desk, caseID int64) dutiesData {
	ctx := context.Background()
	var data dutiesData
	data.checks, data.err = d.svc.CaseDuties(ctx, d.actor, caseID)
	if data.err == nil && len(data.checks) > 0 {
		data.may = d.svc.MayMarkDuties(ctx, d.actor, caseID)
	}
	return data
}

// show draws the checklist read; the case window calls it on every
// reload. A case whose risk tier is not set has no checklist.
func (v *dutiesView) show(data dutiesData) {
	v.box.RemoveAll()
	v.rows = map[cases.Duty]*dutyRow{}
	checks, err := data.checks, data.err
	if errors.Is(err, cases.ErrNotAvailable) || (err == nil && len(checks) == 0) {
		return
	}
	v.box.Add(widget.NewSeparator())
	v.box.Add(sectionTitle(lang.L("Duties under Article 66 — risk tier: {{.Risk}}", map[string]any{"Risk": codeText(string(v.cw.c.Risk))})))
	if err != nil {
		v.box.Add(quietText(domainText(err.Error())))
		return
	}
	for _, c := range checks {
		v.box.Add(v.dutyRow(c, data.may))
	}
	v.box.Refresh()
}

func (v *dutiesView) dutyRow(c cases.DutyCheck, may bool) fyne.CanvasObject {
	r := &dutyRow{err: newFieldError(), marked: quietText(markedText(c))}
	v.rows[c.Duty] = r
	r.met = widget.NewCheck(lang.L("{{.Duty}}: met", map[string]any{"Duty": codeText(string(c.Duty))}), nil)
	r.met.SetChecked(c.Met)
	r.evidence = widget.NewMultiLineEntry()
	r.evidence.Wrapping = fyne.TextWrapWord
	r.evidence.SetMinRowsVisible(2)
	r.evidence.SetPlaceHolder(lang.L("Evidence: the document, its date, what it shows"))
	r.evidence.SetText(c.Evidence)
	r.evidence.OnChanged = func(string) { r.err.set("") }
	r.record = widget.NewButton(lang.L("Record"), func() { v.record(c.Duty, r) })
	if !may {
		r.met.Disable()
		r.evidence.Disable()
		return container.NewVBox(r.met, r.evidence, r.marked)
	}
	return container.NewVBox(r.met, r.evidence, r.err.Label, container.NewBorder(nil, nil, nil, r.record, r.marked))
}

// record saves one duty's mark (off the main goroutine); a refusal is
// shown under its evidence.
func (v *dutiesView) record(duty cases.Duty, r *dutyRow) {
	d, id, met, evidence := v.cw.d, v.cw.id, r.met.Checked, r.evidence.Text
	d.busy(v.cw.win, lang.L("Saving the case"), func() error {
		_, err := d.svc.MarkDuty(context.Background(), d.actor, id, duty, met, evidence)
		return err
	}, func(err error) { v.recorded(r, err) })
}

func (v *dutiesView) recorded(r *dutyRow, err error) {
	var fe cases.FieldErrors
	switch {
	case errors.As(err, &fe):
		r.err.set(fe[cases.FieldEvidence])
		return
	case err != nil:
		r.err.set(err.Error())
		return
	}
	v.cw.reload() // the mark, and the audit entry on the timeline
}

// markedText says who checked a duty, when, and what they found.
func markedText(c cases.DutyCheck) string {
	if !c.Marked() {
		return lang.L("Not checked yet.")
	}
	args := map[string]any{"Name": c.MarkedBy, "Date": formatDate(cases.DateOf(c.MarkedAt.Local()))}
	if c.Met {
		return lang.L("Met — checked by {{.Name}} on {{.Date}}", args)
	}
	return lang.L("Not met — checked by {{.Name}} on {{.Date}}", args)
}

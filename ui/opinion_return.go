package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// missingForSigning lists, in the reader's language, what the saved draft
// still needs before anyone may sign it: the decision, and a paragraph
// under each required heading.
func (ed *opinionEditor) missingForSigning() []string {
	var out []string
	if ed.op.Text.Decision == "" {
		out = append(out, lang.L("the decision, chosen from the list"))
	}
	for _, h := range cases.MissingHeadings(ed.op.Text) {
		out = append(out, lang.L("a paragraph under “{{.Heading}}”", map[string]any{"Heading": lang.X("heading."+string(h), cases.HeadingLabel(h))}))
	}
	return out
}

// showMissing says, instead of asking for a password, what the opinion
// still needs before it can be signed.
func (ed *opinionEditor) showMissing(missing []string) {
	box := container.NewVBox(plainText(lang.L("This opinion cannot be signed yet. Add, then save:")))
	for _, m := range missing {
		box.Add(widget.NewLabel("• " + m))
	}
	ed.missingShown = missing
	dialog.ShowCustom(ed.signLabel(), lang.L("Close"), box, ed.win)
}

// returnDialog asks the chair why a signed draft goes back to its
// rapporteur.
type returnDialog struct {
	ed      *opinionEditor
	reason  *widget.Entry
	err     fieldError
	confirm *widget.Button
	dlg     *dialog.CustomDialog
}

// mayReturn is true when the actor may countersign the opinion now, and so
// may also send it back.
func (ed *opinionEditor) mayReturn() bool {
	return !ed.d.opt.ReadOnly && cases.SignatureDue(ed.d.actor, ed.c, ed.op) == cases.MeaningApproval
}

func (ed *opinionEditor) askReturn() {
	if !ed.mayReturn() {
		return
	}
	r := &returnDialog{ed: ed, reason: widget.NewMultiLineEntry(), err: newFieldError()}
	r.reason.SetMinRowsVisible(4)
	r.reason.Wrapping = fyne.TextWrapWord
	r.reason.SetPlaceHolder(lang.L("e.g. The reasoning does not address the consent forms."))
	intro := plainText(lang.L("The rapporteur's signature is voided and the draft opens for editing again as a new version. Your reason is kept in the audit log and on the case's timeline."))
	r.confirm = widget.NewButton(lang.L("Return to rapporteur"), r.submit)
	r.confirm.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { r.dlg.Hide() })
	form := container.NewVBox(intro, widget.NewLabel(lang.L("Reason:")), r.reason, r.err.Label,
		container.NewHBox(layout.NewSpacer(), cancel, r.confirm))
	r.dlg = dialog.NewCustomWithoutButtons(lang.L("Return to rapporteur…"), form, ed.win)
	r.dlg.Resize(fyne.NewSize(560, 360))
	r.dlg.Show()
	ed.win.Canvas().Focus(r.reason)
	ed.pendingReturn = r
}

// submit returns the opinion off the main goroutine (desk.busy); the
// reason stays in the dialog until the return is saved.
func (r *returnDialog) submit() {
	ed := r.ed
	d, caseID, reason := ed.d, ed.caseID, r.reason.Text
	var op cases.Opinion
	d.busy(ed.win, lang.L("Saving the opinion"), func() error {
		var err error
		op, err = d.svc.ReturnOpinion(context.Background(), d.actor, caseID, reason)
		return err
	}, func(err error) { r.returned(op, err) })
}

func (r *returnDialog) returned(op cases.Opinion, err error) {
	ed := r.ed
	var fe cases.FieldErrors
	switch {
	case errors.As(err, &fe):
		r.err.set(fe["return_reason"])
		return
	case err != nil:
		r.err.set(userText(err))
		return
	}
	r.dlg.Hide()
	ed.pendingReturn = nil
	ed.opinionChanged(op)
}

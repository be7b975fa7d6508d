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

// signLabel is the signing button's text for this user now, or "" when the
// Service would not let them sign: the rapporteur signs a saved draft, then
// a chair countersigns.
func (ed *opinionEditor) signLabel() string {
	if ed.d.opt.ReadOnly {
		return ""
	}
	switch cases.SignatureDue(ed.d.actor, ed.c, ed.op) {
	case cases.MeaningAuthor:
		return lang.L("Sign as rapporteur")
	case cases.MeaningApproval:
		return lang.L("Countersign as chair")
	}
	// The deputy chair countersigns when the chair is the rapporteur.
	if ed.op.State == cases.OpinionSignedRapporteur && ed.d.actor.Active && ed.asked.countersign == nil {
		return lang.L("Countersign as deputy chair")
	}
	return ""
}

// signDialog asks the signer to re-enter their password, after saying
// what their signature means (21 CFR 11.50).
type signDialog struct {
	ed       *opinionEditor
	password *widget.Entry
	err      fieldError
	confirm  *widget.Button
	content  *fyne.Container
	dlg      *dialog.CustomDialog
}

func (ed *opinionEditor) askSign() {
	if ed.signLabel() == "" {
		return
	}
	if ed.dirty {
		ed.problem.set(lang.L("Save your changes before signing: the signature covers the saved version."))
		return
	}
	if missing := ed.missingForSigning(); len(missing) > 0 {
		ed.showMissing(missing)
		return
	}
	chair := ed.op.State == cases.OpinionSignedRapporteur
	meaning, explain := cases.MeaningAuthor,
		lang.L("By signing you confirm that you wrote this opinion, version {{.Version}}, and that it is ready for the chair's approval. After your signature the text can no longer be edited.",
			map[string]any{"Version": ed.op.Version})
	if chair {
		meaning, explain = cases.MeaningApproval,
			lang.L("By countersigning you approve this opinion on behalf of the committee. It is then issued: the case moves to Opinion issued and the signed document can never change again.")
	}
	s := &signDialog{ed: ed, password: widget.NewPasswordEntry(), err: newFieldError()}
	intro := widget.NewLabel(explain)
	intro.Wrapping = fyne.TextWrapWord
	meaningL := widget.NewLabel(lang.L("Meaning of your signature: {{.Meaning}}", map[string]any{"Meaning": meaning}))
	meaningL.TextStyle = fyne.TextStyle{Bold: true}
	meaningL.Wrapping = fyne.TextWrapWord
	signer := widget.NewLabel(lang.L("Signer: {{.Name}}", map[string]any{"Name": ed.d.actor.Name()}))
	s.password.SetPlaceHolder(lang.L("Your password"))
	s.password.OnSubmitted = func(string) { s.submit() }
	s.confirm = widget.NewButton(ed.signLabel(), s.submit)
	s.confirm.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { s.dlg.Hide() })
	form := container.NewVBox(intro, meaningL, signer,
		widget.NewLabel(lang.L("Enter your password to sign:")), s.password, s.err.Label,
		container.NewHBox(layout.NewSpacer(), cancel, s.confirm))
	s.content = form
	s.dlg = dialog.NewCustomWithoutButtons(ed.signLabel(), form, ed.win)
	s.dlg.Resize(fyne.NewSize(560, 340))
	s.dlg.Show()
	if chair {
		// Separation of duties: say why this person may not countersign
		// (they signed as rapporteur) before they type a password.
		if refusal := ed.asked.countersign; refusal != nil {
			s.err.set(refusal.Error())
			s.password.Disable()
			s.confirm.Disable()
			ed.pendingSign = s
			return
		}
	}
	ed.win.Canvas().Focus(s.password)
	ed.pendingSign = s
}

// submit signs in the background (unlocking the key takes a moment); a
// refusal is shown at the password and changes nothing.
func (s *signDialog) submit() {
	ed := s.ed
	pw := s.password.Text
	if pw == "" {
		s.err.set(lang.L("Enter your password."))
		return
	}
	s.confirm.Disable()
	s.err.set("")
	ed.d.run.background(func() func() {
		op, err := ed.d.svc.SignOpinion(context.Background(), ed.d.actor, ed.caseID, pw)
		return func() {
			s.confirm.Enable()
			s.password.SetText("")
			if err != nil {
				var fe cases.FieldErrors
				if errors.As(err, &fe) {
					s.err.set(fieldErrorsText(fe))
				} else {
					s.err.set(err.Error())
				}
				return
			}
			s.dlg.Hide()
			ed.pendingSign = nil
			ed.opinionChanged(op)
		}
	})
}

// opinionChanged shows op, just signed or returned, and refreshes the
// register and the case window, whose status may have moved with it.
func (ed *opinionEditor) opinionChanged(op cases.Opinion) {
	ed.op = op
	ed.reload()
	ed.d.caseChanged(ed.caseID)
}

// fieldErrorsText joins the Service's field messages into one paragraph.
func fieldErrorsText(fe cases.FieldErrors) string {
	out := ""
	for _, k := range []string{"decision", "paragraphs"} {
		if m := fe[k]; m != "" {
			out += m + " "
		}
	}
	if out == "" {
		for _, m := range fe {
			out += m + " "
		}
	}
	return out
}

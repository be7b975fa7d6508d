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

// moveLabel is a move button's text: "Move to Screening".
func moveLabel(to cases.Status) string {
	return lang.L("Move to {{.Status}}", map[string]any{"Status": statusText(to)})
}

// moveButtons are exactly the moves the Service allows this user now
// (allowed, as askActions found them).
func (cw *caseWindow) moveButtons(allowed []cases.Status) []fyne.CanvasObject {
	cw.moves = map[cases.Status]*widget.Button{}
	if !cw.d.can(cases.ActMoveCase) {
		return nil
	}
	var out []fyne.CanvasObject
	for _, to := range allowed {
		to := to
		b := widget.NewButton(moveLabel(to), func() { cw.askMove(to) })
		if to == cases.Withdrawn || to == cases.Inadmissible {
			b.Importance = widget.DangerImportance
		}
		cw.moves[to] = b
		out = append(out, b)
	}
	return out
}

// moveDialog asks for the reason (required for some moves, an optional
// note for the others) and makes the move.
type moveDialog struct {
	cw      *caseWindow
	to      cases.Status
	reason  *escEntry
	err     fieldError
	confirm *widget.Button
	dlg     *dialog.CustomDialog
}

func (cw *caseWindow) askMove(to cases.Status) {
	m := &moveDialog{cw: cw, to: to, err: newFieldError()}
	m.reason = newEscEntry(true)
	m.reason.SetMinRowsVisible(4)
	prompt := lang.L("Note for the record (optional):")
	if cases.ReasonRequired(to) {
		prompt = lang.L("Reason (required; it is kept in the case's record):")
	}
	m.confirm = widget.NewButton(moveLabel(to), m.submit)
	m.confirm.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { m.dlg.Hide() })
	m.reason.onEsc = func() { m.dlg.Hide() }
	content := container.NewVBox(
		widget.NewLabel(lang.L("{{.Reference}}: {{.From}} → {{.To}}", map[string]any{
			"Reference": cw.c.Reference, "From": statusText(cw.c.Status), "To": statusText(to)})),
		widget.NewLabel(prompt), m.reason, m.err.Label,
		container.NewHBox(layout.NewSpacer(), cancel, m.confirm))
	m.dlg = dialog.NewCustomWithoutButtons(moveLabel(to), content, cw.win)
	m.dlg.Resize(fyne.NewSize(520, 300))
	m.dlg.SetOnClosed(func() {
		if cw.pending == m {
			cw.pending = nil
		}
	})
	cw.pending = m
	m.dlg.Show()
	cw.win.Canvas().Focus(m.reason)
}

func (m *moveDialog) submit() {
	cw := m.cw
	id, version, reason := cw.c.ID, cw.c.Version, m.reason.Text
	cw.d.busy(cw.win, lang.L("Saving the change of status"), func() error {
		_, err := cw.d.svc.Transition(context.Background(), cw.d.actor, id, version, m.to, reason)
		return err
	}, m.moved)
}

// moved shows the outcome of submit.
func (m *moveDialog) moved(err error) {
	cw := m.cw
	var fe cases.FieldErrors
	var stale *cases.StaleError
	switch {
	case errors.As(err, &fe):
		m.err.set(fe[cases.FieldReason])
		if fe[cases.FieldReason] == "" {
			showError(err, cw.win)
		}
		return
	case errors.As(err, &stale):
		m.dlg.Hide()
		showStale(stale, cw.win, func() { cw.d.caseChanged(cw.c.ID) })
		return
	case err != nil:
		m.dlg.Hide()
		showError(err, cw.win)
		return
	}
	m.dlg.Hide()
	cw.d.caseChanged(cw.c.ID)
}

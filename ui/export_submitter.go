package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
	"ethicsdesk/export"
)

// exportSubmitter answers a submitter's request for their data: every
// case whose submitter has the name or e-mail address given, with the
// personal data, to a file (recorded in the audit log, without the name).
func (r *registerWindow) exportSubmitter() {
	who := widget.NewEntry()
	who.SetPlaceHolder(lang.L("Name or e-mail address, as on the case"))
	format := widget.NewRadioGroup([]string{"CSV", "XLSX"}, nil)
	format.SetSelected("XLSX")
	form := newFieldForm()
	form.add("submitter", lang.L("Submitter"), who)
	form.add("format", lang.L("Format"), format)
	var dlg dialog.Dialog
	next := widget.NewButton(lang.L("Choose file…"), func() {
		q := cases.Query{Submitter: strings.TrimSpace(who.Text)}
		if q.Submitter == "" {
			form.show(cases.FieldErrors{"submitter": lang.L("Enter the submitter's name or e-mail address.")})
			return
		}
		f := export.XLSX
		if format.Selected == "CSV" {
			f = export.CSV
		}
		// Counting asks the register: off the main goroutine.
		d := r.d
		loadFor(d, r.win, func(ctx context.Context) (int, error) {
			n, _, err := d.svc.CountCases(ctx, d.actor, q)
			return n, err
		}, func(n int) {
			if n == 0 {
				form.show(cases.FieldErrors{"submitter": lang.L("No case has a submitter with this name or e-mail address.")})
				return
			}
			dlg.Hide()
			r.exportQuery(f, q, true, "submitter-data."+string(f))
		})
	})
	next.Importance = widget.HighImportance
	content := container.NewVBox(quietText(lang.L("Every case of this submitter, with their name and contact details, for a request to see their data. The export is recorded in the audit log.")),
		form.content(), next)
	dlg = dialog.NewCustom(lang.L("Export a submitter's data"), lang.L("Cancel"), content, r.win)
	dlg.Show()
}

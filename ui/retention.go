package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// retentionListed is how many of the due cases the dialog names.
const retentionListed = 10

// showRetention tells the administrator which closed cases are past the
// retention period and, after a confirmation, removes their submitters'
// names and contact details.
func (r *registerWindow) showRetention() {
	d := r.d
	// The cases due are read off the main goroutine; the dialog opens when
	// they land (desk.busy says so past busyDelay over a committee server).
	loadFor(d, r.win, func(ctx context.Context) (cases.RetentionReport, error) {
		return d.svc.RetentionDue(ctx, d.actor)
	}, r.askRetention)
}

// askRetention lists the cases due and asks before anonymising them.
func (r *registerWindow) askRetention(due cases.RetentionReport) {
	d := r.d
	period := map[string]any{"Years": due.Years, "Date": formatDate(due.ClosedBefore), "Count": len(due.Cases)}
	if len(due.Cases) == 0 {
		dialog.ShowInformation(lang.L("Retention period"),
			lang.L("No case closed on or before {{.Date}} still names its submitter: nothing is past the retention period of {{.Years}} years.", period), r.win)
		return
	}
	msg := widget.NewLabel(lang.L("Cases closed on or before {{.Date}}, more than {{.Years}} years ago, whose submitters are still named: {{.Count}}. Anonymising removes each submitter's name and contact details for good; the type, dates, sector, risk, breach and outcome stay for the statistics.", period))
	msg.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(msg)
	for i, c := range due.Cases {
		if i == retentionListed {
			content.Add(quietText(lang.L("… and {{.More}} more (ethicsdesk retention lists them all).", map[string]any{"More": len(due.Cases) - i})))
			break
		}
		l := widget.NewLabel(c.Reference + " · " + lang.L("closed {{.Date}}", map[string]any{"Date": formatDate(c.ClosedOn)}) + " · " + c.Title)
		l.Truncation = fyne.TextTruncateEllipsis
		content.Add(l)
	}
	confirm := dialog.NewCustomConfirm(lang.L("Retention period"), lang.L("Anonymise them"), lang.L("Cancel"), content, func(ok bool) {
		if !ok {
			return
		}
		d.run.background(func() func() {
			n, err := d.svc.ApplyRetention(context.Background(), d.actor)
			return func() {
				if err != nil {
					showError(err, r.win)
					return
				}
				r.reload()
				dialog.ShowInformation(lang.L("Retention period"),
					lang.L("Cases anonymised: {{.Count}}. Their submitters are no longer named.", map[string]any{"Count": n}), r.win)
			}
		})
	}, r.win)
	confirm.Resize(fyne.NewSize(640, 0)) // as tall as its content
	confirm.Show()
}

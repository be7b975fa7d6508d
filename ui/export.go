package ui

import (
	"context"
	"errors"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
	"ethicsdesk/export"
	"ethicsdesk/internal/safefile"
)

// exportRegister asks for the format and whether to include personal data,
// then for the file; the current filters decide which cases go out.
func (r *registerWindow) exportRegister() {
	format := widget.NewRadioGroup([]string{"CSV", "XLSX"}, nil)
	format.SetSelected("XLSX")
	personal := widget.NewCheck(lang.L("Include personal data (submitters' names and contacts; recorded in the audit log)"), nil)
	if !r.d.can(cases.ActViewSubmitter) {
		personal.Disable()
	}
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Format"), format),
		widget.NewFormItem("", personal),
		widget.NewFormItem("", widget.NewLabel(lang.L("The cases shown by the register's current filters are exported."))),
	}
	dialog.ShowForm(lang.L("Export the register"), lang.L("Choose file…"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		f := export.XLSX
		if format.Selected == "CSV" {
			f = export.CSV
		}
		r.exportTo(f, personal.Checked)
	}, r.win)
}

// exportTo asks for the file and writes it behind a progress bar that can
// be cancelled; the file appears under its name only when complete.
func (r *registerWindow) exportTo(f export.Format, personal bool) {
	r.exportQuery(f, r.query(), personal, "register."+string(f))
}

// exportQuery writes the cases of q to a file the user chooses.
func (r *registerWindow) exportQuery(f export.Format, q cases.Query, personal bool, fileName string) {
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		d := r.d
		runCancellable(d, r.win, lang.L("Exporting…"), func(ctx context.Context, progress func(float64)) (string, error) {
			var n int
			err := safefile.Write(path, d.saveOptions(), func(w io.Writer) error {
				var werr error
				n, werr = export.Write(ctx, f, w, d.svc, d.actor, export.Options{Filter: q, IncludePersonal: personal,
					Progress: func(done, total int) {
						if total > 0 {
							progress(float64(done) / float64(total))
						}
					}})
				return werr
			})
			if err != nil {
				if errors.Is(err, context.Canceled) {
					return "", err
				}
				return "", err
			}
			return lang.N("{{.Count}} items exported to {{.Path}}.", n, map[string]any{"Count": n, "Path": path}), nil
		})
	}, r.win)
	save.SetFileName(fileName)
	save.Show()
}

package ui

import (
	"fmt"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
	"ethicsdesk/mailintake"
)

// chooseMail lets the user pick an .eml file for "New case from e-mail…".
func (r *registerWindow) chooseMail() {
	dlg := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		path := rc.URI().Path()
		rc.Close()
		r.d.openIntakeFromMail(path, r.win)
	}, r.win)
	dlg.SetFilter(storage.NewExtensionFileFilter([]string{".eml", ".EML"}))
	dlg.Resize(fyne.NewSize(800, 560))
	dlg.Show()
}

// droppedOnRegister opens an intake form for each .eml file dropped on the
// register window.
func (r *registerWindow) droppedOnRegister(_ fyne.Position, uris []fyne.URI) {
	for _, u := range uris {
		if u.Scheme() == "file" && isMailFile(u) {
			r.d.openIntakeFromMail(u.Path(), r.win)
		}
	}
}

// openIntakeFromMail reads the message and opens the intake form filled
// from it; the message and its attachments are attached when the case is
// saved. Nothing is saved until the secretariat checks the form and saves.
func (d *desk) openIntakeFromMail(path string, parent fyne.Window) *caseForm {
	if !d.can(cases.ActCreateCase) {
		dialog.ShowInformation(lang.L("New case from e-mail"), lang.L("You may not register cases."), parent)
		return nil
	}
	msg, err := mailintake.ParseFile(path)
	if err != nil {
		showError(err, parent)
		return nil
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		showError(fmt.Errorf(lang.L("The file could not be read: %v"), err), parent)
		return nil
	}
	in := cases.IntakeFromMail(msg, raw, baseName(path), d.svc.Today())
	f := d.openIntake(nil)
	f.fill(in.Draft)
	f.files = in.Files
	f.win.SetTitle(lang.L("New case from e-mail") + " — " + lang.L("Ethics Desk"))
	var lines []string
	if len(in.Files) > 0 {
		names := make([]string, len(in.Files))
		for i, a := range in.Files {
			names[i] = fmt.Sprintf("%s (%s)", cases.CleanFileName(a.FileName), cases.HumanSize(int64(len(a.Data))))
		}
		lines = append(lines, lang.L("Attached when the case is saved:")+" "+strings.Join(names, ", "))
	}
	lines = append(lines, in.Warnings...)
	note := widget.NewLabel(strings.Join(lines, "\n"))
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.MediumImportance
	if len(in.Warnings) > 0 {
		note.Importance = widget.WarningImportance
	}
	f.body.Objects = append([]fyne.CanvasObject{note}, f.body.Objects...)
	f.body.Refresh()
	return f
}

func baseName(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[i+1:]
	}
	return path
}

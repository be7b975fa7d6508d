package ui

import (
	"context"
	"errors"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
	"ethicsdesk/holidays"
)

// importButtons are "China's arrangement for YYYY" for each year that ships
// and is not over, and "Import a file…" for any other (.ics or .csv).
func (h *holidaysView) importButtons() []fyne.CanvasObject {
	var out []fyne.CanvasObject
	thisYear := h.s.d.svc.Today().Time().Year()
	for _, y := range holidays.OfficialYears() {
		if y < thisYear {
			continue
		}
		y := y
		out = append(out, widget.NewButtonWithIcon(lang.L("China's arrangement for {{.Year}}", map[string]any{"Year": y}),
			theme.ContentAddIcon(), func() {
				days, err := holidays.Official(y)
				h.importDays(days, err)
			}))
	}
	out = append(out, widget.NewButtonWithIcon(lang.L("Import a file…"), theme.FolderOpenIcon(), h.chooseFile))
	return out
}

func (h *holidaysView) chooseFile() {
	open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		data, err := io.ReadAll(io.LimitReader(r, holidays.MaxFileBytes+1))
		r.Close()
		if err != nil {
			h.importDays(nil, err)
			return
		}
		h.importDays(holidays.Parse(r.URI().Name(), data))
	}, h.s.win)
	open.SetFilter(storage.NewExtensionFileFilter([]string{".ics", ".csv"}))
	open.Show()
}

// importDays saves an arrangement through the Service and says what it did
// under the buttons: how many days, how many open cases moved, or why the
// file was refused (then nothing was saved).
func (h *holidaysView) importDays(days []cases.Holiday, err error) {
	if err != nil {
		h.importRefused(err)
		return
	}
	d := h.s.d
	var moved int
	d.busy(h.s.win, lang.L("Saving the settings"), func() error {
		var err error
		moved, err = d.svc.ImportHolidays(context.Background(), d.actor, days)
		return err
	}, func(err error) {
		if err != nil {
			h.importRefused(err)
			return
		}
		h.showMessage(lang.L("{{.Days}} days imported; the due dates of {{.Moved}} open cases moved.",
			map[string]any{"Days": formatCount(len(days)), "Moved": formatCount(moved)}), false)
		h.reload()
		d.typesChanged()
	})
}

// importRefused says why nothing was imported.
func (h *holidaysView) importRefused(err error) {
	var fe cases.FieldErrors
	if errors.As(err, &fe) && fe["file"] != "" {
		err = errors.New(fe["file"])
	}
	h.showMessage(lang.L("Nothing was imported: {{.Problem}}", map[string]any{"Problem": userText(err)}), true)
}

func (h *holidaysView) showMessage(text string, problem bool) {
	h.message.SetText(text)
	h.message.Importance = widget.MediumImportance
	if problem {
		h.message.Importance = widget.DangerImportance
	}
	h.message.Show()
	h.message.Refresh()
}

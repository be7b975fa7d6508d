package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// holidaysView lists the holiday calendar with a remove button per day and
// a line to add one. Working-day deadlines skip these days, so every change
// recomputes the open cases' due dates (the Service does).
type holidaysView struct {
	s       *settingsWindow
	list    *fyne.Container
	day     *widget.Entry
	name    *widget.Entry
	working *widget.Check
	form    *fieldForm
	add     *widget.Button
	message *widget.Label // what the last import did, or why it was refused
}

// holidaysData is the holiday calendar as read (off the main goroutine).
type holidaysData struct {
	days []cases.Holiday
	err  error
}

func loadHolidays(d *desk) holidaysData {
	days, err := d.svc.Holidays(context.Background())
	return holidaysData{days, err}
}

func (s *settingsWindow) holidaysTab(data holidaysData) fyne.CanvasObject {
	h := &holidaysView{s: s, list: container.NewVBox(), day: widget.NewEntry(), name: widget.NewEntry(), form: newFieldForm()}
	h.day.SetPlaceHolder("YYYY-MM-DD")
	h.name.SetPlaceHolder(lang.L("e.g. National Day"))
	h.form.add("day", lang.L("Date"), h.day)
	h.form.add("name", lang.L("Name"), h.name)
	h.working = widget.NewCheck(lang.L("A weekend day worked instead (make-up working day)"), nil)
	h.add = widget.NewButtonWithIcon(lang.L("Add holiday"), theme.ContentAddIcon(), h.submit)
	h.message = widget.NewLabel("")
	h.message.Wrapping = fyne.TextWrapWord
	h.message.Hide()
	s.holidays = h
	h.show(data)
	top := container.NewVBox(
		quietText(lang.L("Deadlines counted in working days skip these days. Adding or removing one recomputes the due dates of open cases.")),
		h.form.content(), h.working, container.NewHBox(layout.NewSpacer(), h.add),
		container.NewHBox(h.importButtons()...), h.message, widget.NewSeparator())
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(h.list))
}

// reload reads the calendar afresh off the main goroutine and lists it
// when it lands.
func (h *holidaysView) reload() {
	d := h.s.d
	d.load(h.s.win, nil, nil, func() (func(), error) {
		data := loadHolidays(d)
		return func() { h.show(data) }, unreachableIn(data.err)
	})
}

func (h *holidaysView) show(data holidaysData) {
	h.list.RemoveAll()
	days, err := data.days, data.err
	if err != nil {
		h.list.Add(quietText(userText(err)))
	}
	if len(days) == 0 && err == nil {
		h.list.Add(quietText(lang.L("No holidays are set.")))
	}
	for _, x := range days {
		x := x
		remove := widget.NewButtonWithIcon(lang.L("Remove"), theme.DeleteIcon(), func() { h.remove(x) })
		remove.Importance = widget.LowImportance
		day := widget.NewLabel(formatDate(x.Day))
		day.TextStyle = fyne.TextStyle{Bold: true}
		name := orDash(x.Name)
		if x.Working {
			name = lang.L("{{.Name}} — working day", map[string]any{"Name": name})
		}
		h.list.Add(container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(130, day.MinSize().Height), day), remove,
			widget.NewLabel(name)))
	}
	h.list.Refresh()
}

func (h *holidaysView) submit() {
	day, err := cases.ParseDate(h.day.Text)
	if err != nil {
		h.form.show(cases.FieldErrors{"day": lang.L("Enter the date as YYYY-MM-DD, e.g. 2026-10-01.")})
		return
	}
	d := h.s.d
	x := cases.Holiday{Day: day, Name: h.name.Text, Working: h.working.Checked}
	d.busy(h.s.win, lang.L("Saving the settings"), func() error {
		return d.svc.SaveHoliday(context.Background(), d.actor, x)
	}, func(err error) {
		if !h.form.show(err) {
			return
		}
		h.day.SetText("")
		h.name.SetText("")
		h.working.SetChecked(false)
		h.reload()
		d.typesChanged()
	})
}

func (h *holidaysView) remove(x cases.Holiday) {
	d := h.s.d
	d.busy(h.s.win, lang.L("Saving the settings"), func() error {
		return d.svc.DeleteHoliday(context.Background(), d.actor, x.Day)
	}, func(err error) {
		if err != nil {
			showError(err, h.s.win)
			return
		}
		h.reload()
		d.typesChanged()
	})
}

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

func (s *settingsWindow) holidaysTab() fyne.CanvasObject {
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
	h.reload()
	top := container.NewVBox(
		quietText(lang.L("Deadlines counted in working days skip these days. Adding or removing one recomputes the due dates of open cases.")),
		h.form.content(), h.working, container.NewHBox(layout.NewSpacer(), h.add),
		container.NewHBox(h.importButtons()...), h.message, widget.NewSeparator())
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(h.list))
}

func (h *holidaysView) reload() {
	h.list.RemoveAll()
	days, err := h.s.d.svc.Holidays(context.Background())
	if err != nil {
		h.list.Add(quietText(domainText(err.Error())))
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
	if !h.form.show(h.s.d.svc.SaveHoliday(context.Background(), h.s.d.actor, cases.Holiday{Day: day, Name: h.name.Text, Working: h.working.Checked})) {
		return
	}
	h.day.SetText("")
	h.name.SetText("")
	h.working.SetChecked(false)
	h.reload()
	h.s.d.typesChanged()
}

func (h *holidaysView) remove(x cases.Holiday) {
	if err := h.s.d.svc.DeleteHoliday(context.Background(), h.s.d.actor, x.Day); err != nil {
		showError(err, h.s.win)
		return
	}
	h.reload()
	h.s.d.typesChanged()
}

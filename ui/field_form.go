package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// fieldForm is a labelled form whose Service messages appear under the
// field they are about (cases.FieldErrors keys), and any other problem in
// a sentence under the whole form. The administration, panel and meeting
// screens build their forms with it.
type fieldForm struct {
	fields  []*formField
	message fieldError
	grid    *fyne.Container
	box     *fyne.Container
}

type formField struct {
	key string
	err fieldError
}

func newFieldForm() *fieldForm {
	f := &fieldForm{message: newFieldError(), grid: container.New(layout.NewFormLayout())}
	f.box = container.NewVBox(f.grid, f.message.Label)
	return f
}

// add puts a field on the form; key is the FieldErrors key it answers to.
func (f *fieldForm) add(key, label string, w fyne.CanvasObject) fieldError {
	l := widget.NewLabel(label)
	l.TextStyle = fyne.TextStyle{Bold: true}
	e := newFieldError()
	f.grid.Add(l)
	f.grid.Add(withError(w, e))
	f.fields = append(f.fields, &formField{key: key, err: e})
	return e
}

func (f *fieldForm) content() fyne.CanvasObject { return f.box }

// show displays err (nil clears every message) and reports whether it was nil.
func (f *fieldForm) show(err error) bool {
	// Messages change the rows' heights: lay the form out again.
	defer f.box.Refresh()
	defer f.grid.Refresh()
	for _, x := range f.fields {
		x.err.set("")
	}
	f.message.set("")
	if err == nil {
		return true
	}
	var fe cases.FieldErrors
	if !errors.As(err, &fe) {
		f.message.set(userText(err))
		return false
	}
	var rest []string
	for k, msg := range fe {
		placed := false
		for _, x := range f.fields {
			if x.key == k {
				x.err.set(msg)
				placed = true
			}
		}
		if !placed {
			rest = append(rest, msg)
		}
	}
	if len(rest) > 0 {
		out := rest[0]
		for _, s := range rest[1:] {
			out += " " + s
		}
		f.message.set(out)
	}
	return false
}

// messages lists every message the form shows now, for tests.
func (f *fieldForm) messages() []string {
	var out []string
	for _, x := range append([]*formField{{err: f.message}}, f.fields...) {
		if x.err.Visible() && x.err.Text != "" {
			out = append(out, x.err.Text)
		}
	}
	return out
}

// formDialog shows f over win with confirm and Cancel buttons. submit
// reads the form (on the main goroutine) and returns the save, which runs
// off it through desk.busy: over a committee server it is a request. The
// dialog stays open, keeping what was typed and showing the messages,
// until the save succeeds; then it closes and done runs.
type formDialog struct {
	form    *fieldForm
	dlg     *dialog.CustomDialog
	confirm *widget.Button
}

func showFormDialog(d *desk, win fyne.Window, title, confirm string, f *fieldForm, submit func() (save func() error), done func()) *formDialog {
	fd := &formDialog{form: f}
	cancel := widget.NewButton(lang.L("Cancel"), func() { fd.dlg.Hide() })
	fd.confirm = widget.NewButton(confirm, func() {
		save := submit()
		fd.confirm.Disable() // one save at a time
		d.busy(win, title, save, func(err error) {
			fd.confirm.Enable()
			if f.show(err) {
				fd.dlg.Hide()
				if done != nil {
					done()
				}
			}
		})
	})
	fd.confirm.Importance = widget.HighImportance
	fd.dlg = dialog.NewCustomWithoutButtons(title, f.content(), win)
	fd.dlg.SetButtons([]fyne.CanvasObject{cancel, fd.confirm})
	fd.dlg.Resize(fyne.NewSize(520, 0))
	fd.dlg.Show()
	return fd
}

// sectionTitle is a bold section title.
func sectionTitle(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle = fyne.TextStyle{Bold: true}
	return l
}

// quietText is a quiet explanatory sentence.
func quietText(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Importance = widget.LowImportance
	l.Wrapping = fyne.TextWrapWord
	return l
}

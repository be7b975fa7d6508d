package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// meetingsWindow lists the committee's meetings, newest first, and shows
// the chosen one beside the list (meeting_detail.go).
type meetingsWindow struct {
	d        *desk
	win      fyne.Window
	list     *widget.List
	meetings []cases.Meeting
	detail   *meetingDetail
	problem  fieldError
	loading  *widget.Label // stands in until the list lands
	create   *widget.Button
	lastForm *formDialog
}

func (d *desk) openMeetings() *meetingsWindow {
	mw := &meetingsWindow{d: d, win: d.app.NewWindow(lang.L("Meetings") + " — " + lang.L("Ethics Desk")), problem: newFieldError()}
	mw.list = widget.NewList(
		func() int { return len(mw.meetings) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			m := mw.meetings[i]
			o.(*widget.Label).SetText(formatDate(m.HeldOn) + " · " + orDash(m.Title))
		})
	mw.list.OnSelected = func(i widget.ListItemID) { mw.show(mw.meetings[i].ID) }
	mw.create = widget.NewButtonWithIcon(lang.L("New meeting…"), theme.ContentAddIcon(), mw.showCreate)
	mw.create.Importance = widget.HighImportance
	if !d.can(cases.ActManageMeetings) {
		mw.create.Hide()
	}
	mw.detail = newMeetingDetail(mw)
	left := container.NewBorder(container.NewPadded(mw.create), mw.problem.Label, nil, nil, mw.list)
	split := container.NewHSplit(left, mw.detail.scroll)
	split.Offset = 0.28
	// The window opens at once and shows the list when it lands.
	mw.loading = loadingText()
	mw.win.SetContent(container.NewCenter(mw.loading))
	mw.win.Resize(fyne.NewSize(1180, 800))
	closeOnEscape(mw.win, mw.win.Close)
	mw.win.Show()
	mw.reloadThen(func() { mw.win.SetContent(split) })
	return mw
}

func (mw *meetingsWindow) reload() { mw.reloadThen(nil) }

// reloadThen reads the meetings off the main goroutine, lists them when
// they land, then runs after (if set).
func (mw *meetingsWindow) reloadThen(after func()) {
	d := mw.d
	d.load(mw.win, sayIn(mw.loading, mw.problem.set), nil, func() (func(), error) {
		ms, err := d.svc.Meetings(context.Background(), d.actor)
		return func() {
			if err != nil {
				mw.problem.set(userText(err))
			} else {
				mw.problem.set("")
				mw.meetings = ms
				mw.list.Refresh()
			}
			if after != nil {
				after()
			}
		}, err
	})
}

// show opens meeting id in the detail pane (and selects it in the list).
func (mw *meetingsWindow) show(id int64) {
	mw.detail.load(id)
}

func (mw *meetingsWindow) showCreate() {
	f := newFieldForm()
	day, title := widget.NewEntry(), widget.NewEntry()
	day.SetPlaceHolder("YYYY-MM-DD")
	day.SetText(mw.d.svc.Today().String())
	title.SetPlaceHolder(lang.L("e.g. March plenary session"))
	f.add("held_on", lang.L("Date"), day)
	f.add("title", lang.L("Title"), title)
	var created cases.Meeting
	mw.lastForm = showFormDialog(mw.d, mw.win, lang.L("New meeting"), lang.L("Create"), f, func() func() error {
		heldOn, err := cases.ParseDate(day.Text)
		name := title.Text
		return func() error {
			if err != nil {
				return cases.FieldErrors{"held_on": lang.L("Enter the date as YYYY-MM-DD, e.g. 2026-10-01.")}
			}
			created, err = mw.d.svc.CreateMeeting(context.Background(), mw.d.actor, heldOn, name)
			return err
		}
	}, func() {
		mw.reloadThen(func() {
			for i, m := range mw.meetings {
				if m.ID == created.ID {
					mw.list.Select(i)
				}
			}
		})
	})
}

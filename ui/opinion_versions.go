package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// versionsView lists the saved drafts of an opinion, newest first, and
// shows the one chosen as it was saved; nothing there can be edited.
type versionsView struct {
	win      fyne.Window
	versions []cases.OpinionVersion
	list     *widget.List
	shown    *fyne.Container
}

// showVersions reads the versions off the main goroutine and opens their
// window when they land.
func (ed *opinionEditor) showVersions() {
	d, caseID := ed.d, ed.caseID
	loadFor(d, ed.win, func(ctx context.Context) ([]cases.OpinionVersion, error) {
		return d.svc.OpinionVersions(ctx, d.actor, caseID)
	}, ed.openVersions)
}

func (ed *opinionEditor) openVersions(vs []cases.OpinionVersion) {
	v := &versionsView{versions: vs, shown: container.NewVBox()}
	v.win = ed.d.app.NewWindow(lang.L("Versions of the opinion") + " — " + ed.c.Reference)
	v.list = widget.NewList(func() int { return len(v.versions) },
		func() fyne.CanvasObject { return widget.NewLabel("Version 000 · 0000-00-00 00:00 · Someone") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			x := v.versions[i]
			o.(*widget.Label).SetText(lang.L("Version {{.Version}}", map[string]any{"Version": x.Version}) +
				" · " + formatDateTime(x.SavedAt) + " · " + x.SavedBy)
		})
	v.list.OnSelected = func(i widget.ListItemID) { v.show(i) }
	split := container.NewHSplit(v.list, container.NewVScroll(container.NewPadded(v.shown)))
	split.Offset = 0.3
	v.win.SetContent(split)
	v.win.Resize(fyne.NewSize(960, 640))
	closeOnEscape(v.win, v.win.Close)
	v.win.SetOnClosed(func() { ed.versions = nil })
	ed.versions = v
	if len(vs) > 0 {
		v.list.Select(0)
	}
	v.win.Show()
}

// show draws version i read-only, numbered as it would print.
func (v *versionsView) show(i int) {
	x := v.versions[i]
	v.shown.Objects = opinionTextObjects(x.Text,
		lang.L("Version {{.Version}}, saved {{.When}} by {{.Who}}.", map[string]any{
			"Version": x.Version, "When": formatDateTime(x.SavedAt), "Who": x.SavedBy}))
	v.shown.Refresh()
}

// opinionTextObjects renders an opinion's text for reading.
func opinionTextObjects(t cases.OpinionText, caption string) []fyne.CanvasObject {
	capL := widget.NewLabel(caption)
	capL.Importance = widget.LowImportance
	dec := lang.L("Not chosen yet")
	if t.Decision != "" {
		dec = lang.X("decision."+string(t.Decision), cases.DecisionLabel(t.Decision))
	}
	decL := widget.NewLabel(lang.L("Decision: {{.Decision}}", map[string]any{"Decision": dec}))
	decL.TextStyle = fyne.TextStyle{Bold: true}
	objs := []fyne.CanvasObject{capL, decL}
	num := 0
	for _, h := range cases.AllHeadings {
		head := widget.NewLabel(lang.X("heading."+string(h), cases.HeadingLabel(h)))
		head.TextStyle = fyne.TextStyle{Bold: true}
		head.SizeName = theme.SizeNameSubHeadingText
		objs = append(objs, widget.NewSeparator(), head)
		for _, p := range t.Paragraphs {
			if p.Heading != h {
				continue
			}
			num++
			n := widget.NewLabel(fmt.Sprintf("%d.", num))
			n.TextStyle = fyne.TextStyle{Bold: true}
			body := widget.NewLabel(p.Text)
			body.Wrapping = fyne.TextWrapWord
			objs = append(objs, container.NewBorder(nil, nil, container.NewVBox(n), nil, body))
		}
	}
	return objs
}

// shownTexts is the text of the version on display, for tests.
func (v *versionsView) shownTexts() []string { return labelsIn(v.shown) }

// labelsIn lists the texts of the labels inside o, in order.
func labelsIn(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch c := o.(type) {
		case *widget.Label:
			out = append(out, c.Text)
		case *fyne.Container:
			for _, ch := range c.Objects {
				walk(ch)
			}
		}
	}
	walk(o)
	return out
}

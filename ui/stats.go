package ui

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
	"ethicsdesk/internal/safefile"
	"ethicsdesk/report"
)

// chartBarWidth is the width of the longest bar in a statistics chart.
const chartBarWidth float32 = 320

// statsWindow shows the committee's figures for a chosen period, as tables
// and bar charts. It calls cases.Service.Statistics, as the annual report does.
type statsWindow struct {
	d      *desk
	win    fyne.Window
	from   *widget.Entry
	to     *widget.Entry
	status *widget.Label
	body   *fyne.Container
	gen    int
	// language is the annual report's: the committee's language of
	// documents unless another is chosen for this report.
	language *documentLanguageChooser
}

func (r *registerWindow) openStatistics() { r.showStatistics() }

// showStatistics opens the statistics window on the current year.
func (r *registerWindow) showStatistics() *statsWindow {
	year := r.d.svc.Today().Year()
	s := &statsWindow{d: r.d, win: r.d.app.NewWindow(lang.L("Statistics")), from: widget.NewEntry(), to: widget.NewEntry(),
		status: widget.NewLabel(""), body: container.NewVBox()}
	s.from.SetText(cases.NewDate(year, 1, 1).String())
	s.to.SetText(cases.NewDate(year, 12, 31).String())
	show := widget.NewButton(lang.L("Show"), s.load)
	show.Importance = widget.HighImportance
	annual := widget.NewButton(lang.L("Annual report…"), s.annualReport)
	s.language = newDocumentLanguageChooser("", true, "")
	s.language.readCommittee(r.d)
	dateBox := func(e *widget.Entry) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(140, e.MinSize().Height), e)
	}
	top := container.NewHBox(widget.NewLabel(lang.L("From")), dateBox(s.from), widget.NewLabel(lang.L("to")), dateBox(s.to), show, layout.NewSpacer(), widget.NewLabel(lang.L("Report in")), s.language.Select, annual)
	s.win.SetContent(container.NewBorder(container.NewVBox(top, s.status), nil, nil, nil, container.NewVScroll(s.body)))
	s.win.Resize(fyne.NewSize(980, 760))
	closeOnEscape(s.win, s.win.Close)
	s.win.Show()
	s.load()
	return s
}

// period reads the two date boxes.
func (s *statsWindow) period() (cases.Period, error) {
	from, err := cases.ParseDate(s.from.Text)
	if err != nil {
		return cases.Period{}, err
	}
	to, err := cases.ParseDate(s.to.Text)
	if err != nil {
		return cases.Period{}, err
	}
	p := cases.Period{From: from, To: to}
	return p, cases.CheckPeriod(p)
}

func (s *statsWindow) load() {
	p, err := s.period()
	if err != nil {
		s.status.SetText(periodProblem(err))
		return
	}
	s.gen++
	gen := s.gen
	s.status.SetText(lang.L("Counting…"))
	d := s.d
	d.load(s.win, s.status.SetText, func() bool { return gen == s.gen }, func() (func(), error) {
		st, err := d.svc.Statistics(context.Background(), d.actor, p)
		return func() {
			if gen != s.gen {
				return
			}
			if err != nil {
				s.status.SetText(err.Error())
				return
			}
			s.status.SetText(lang.L("Figures for {{.Period}}; overdue as of {{.Today}}. No personal data is shown.",
				map[string]any{"Period": p.String(), "Today": st.AsOf.String()}))
			s.body.Objects = statsContent(d, st)
			s.body.Refresh()
		}, err
	})
}

// periodProblem is the sentence for a period that cannot be counted.
func periodProblem(err error) string {
	var fe cases.FieldErrors
	if errors.As(err, &fe) && fe["period"] != "" {
		return fe["period"]
	}
	return err.Error()
}

// statsContent is the headline figures, then a table and a chart per breakdown.
func statsContent(d *desk, st cases.Statistics) []fyne.CanvasObject {
	figures := container.New(layout.NewFormLayout())
	for _, f := range statFigures(st) {
		v := widget.NewLabel(f[1])
		v.TextStyle.Bold = true
		figures.Add(widget.NewLabel(f[0]))
		figures.Add(v)
	}
	out := []fyne.CanvasObject{figures, widget.NewLabel(domainText(report.Definitions))}
	out[1].(*widget.Label).Wrapping = fyne.TextWrapWord
	for _, t := range st.Tables {
		t = statTableIn(d, t)
		out = append(out, widget.NewSeparator(), widget.NewRichTextFromMarkdown("### "+t.Title))
		out = append(out, statBreakdown(t))
	}
	return out
}

// statFigures are the headline numbers (report.Figures) in the window's
// language: label and value.
func statFigures(st cases.Statistics) [][2]string {
	days := func(v float64, n int) string {
		if n == 0 {
			return lang.L("no decided case had been accepted")
		}
		return lang.L("{{.Days}} days ({{.Cases}} cases)", map[string]any{"Days": strconv.FormatFloat(v, 'f', -1, 64), "Cases": n})
	}
	return [][2]string{
		{lang.L("Cases received"), formatCount(st.Received)},
		{lang.L("Cases decided"), formatCount(st.Decided)},
		{lang.L("Median time to decision"), days(st.DecisionTime.MedianDays, st.DecisionTime.Cases)},
		{lang.L("90th percentile time to decision"), days(st.DecisionTime.P90Days, st.DecisionTime.Cases)},
		{lang.L("Overdue as of {{.Date}}", map[string]any{"Date": formatDate(st.AsOf)}), formatCount(st.Overdue)},
	}
}

// statTableIn is a breakdown with its title and values in the window's
// language: types, statuses and codes by their translations; the
// committee's own classification codes as they are.
func statTableIn(d *desk, t cases.StatTable) cases.StatTable {
	t.Title = lang.X("stat."+string(t.Dimension), t.Title)
	rows := make([]cases.StatCount, len(t.Rows))
	for i, r := range t.Rows {
		switch {
		case r.Code == "" && t.Dimension == cases.ByBreach:
			r.Label = lang.L("None (not a complaint)")
		case r.Code == "":
			r.Label = lang.L("Not recorded")
		case t.Dimension == cases.ByType:
			r.Label = d.typeName(r.Code)
		case t.Dimension == cases.ByStatus:
			r.Label = statusText(cases.Status(r.Code))
		case t.Dimension == cases.BySector || t.Dimension == cases.ByRisk || t.Dimension == cases.ByBreach:
			r.Label = codeText(r.Code)
		}
		rows[i] = r
	}
	t.Rows = rows
	return t
}

// Column widths of a breakdown: value, received, decided; the bars fill
// the rest of the row, so each bar sits beside its numbers.
const (
	statLabelWidth float32 = 300
	statCountWidth float32 = 90
)

// statBreakdown is a breakdown as rows of value, counts and two bars drawn
// with canvas rectangles (blue received, orange decided), and a legend.
func statBreakdown(t cases.StatTable) fyne.CanvasObject {
	maxV := 1
	for _, r := range t.Rows {
		maxV = max(maxV, r.Received, r.Decided)
	}
	cell := func(text string, w float32, bold bool) fyne.CanvasObject {
		l := widget.NewLabel(text)
		l.Truncation = fyne.TextTruncateEllipsis
		l.TextStyle.Bold = bold
		return container.NewGridWrap(fyne.NewSize(w, l.MinSize().Height), l)
	}
	rows := container.NewVBox(container.NewHBox(cell(t.Title, statLabelWidth, true),
		cell(lang.L("Received"), statCountWidth, true), cell(lang.L("Decided"), statCountWidth, true)))
	for _, r := range t.Rows {
		bars := container.NewVBox(layout.NewSpacer(), bar(r.Received, maxV, report.ReceivedColor), bar(r.Decided, maxV, report.DecidedColor), layout.NewSpacer())
		rows.Add(container.NewHBox(cell(r.Label, statLabelWidth, false), cell(strconv.Itoa(r.Received), statCountWidth, false),
			cell(strconv.Itoa(r.Decided), statCountWidth, false), bars))
	}
	rows.Add(container.NewHBox(layout.NewSpacer(), legendBox(report.ReceivedColor), widget.NewLabel(lang.L("Received")),
		legendBox(report.DecidedColor), widget.NewLabel(lang.L("Decided"))))
	return rows
}

func bar(v, maxV int, c color.Color) fyne.CanvasObject {
	w := chartBarWidth * float32(v) / float32(maxV)
	if w < 2 {
		w = 2
	}
	rect := canvas.NewRectangle(c)
	rect.SetMinSize(fyne.NewSize(w, 9))
	n := canvas.NewText(strconv.Itoa(v), theme.Color(theme.ColorNameForeground))
	n.TextSize = 10
	return container.NewHBox(rect, n)
}

func legendBox(c color.Color) fyne.CanvasObject {
	rect := canvas.NewRectangle(c)
	rect.SetMinSize(fyne.NewSize(12, 12))
	return container.NewCenter(rect)
}

// annualReport writes the annual report of the period's first year to a
// PDF the user chooses, with a progress bar and a Cancel button.
func (s *statsWindow) annualReport() {
	p, err := s.period()
	if err != nil {
		showError(errors.New(periodProblem(err)), s.win)
		return
	}
	year := p.From.Year()
	language := s.language.language()
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		d := s.d
		runCancellable(d, s.win, lang.L("Writing the annual report…"), func(ctx context.Context, progress func(float64)) (string, error) {
			pdf, err := d.svc.AnnualReport(ctx, d.actor, year, language,
				func(done, total int) { progress(float64(done) / float64(total)) })
			if err != nil {
				return "", err
			}
			if err := safefile.WriteBytes(path, pdf, d.saveOptions()); err != nil {
				return "", err
			}
			return lang.L("The annual report {{.Year}} was saved to {{.Path}}.", map[string]any{"Year": year, "Path": path}), nil
		})
	}, s.win)
	save.SetFileName(fmt.Sprintf("annual-report-%d.pdf", year))
	save.Show()
}

// runCancellable runs work off the main goroutine behind a progress dialog
// whose Cancel button cancels work's context; the window stays responsive.
func runCancellable(d *desk, win fyne.Window, title string, work func(ctx context.Context, progress func(float64)) (string, error)) {
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	var dlg dialog.Dialog
	dlg = dialog.NewCustom(title, lang.L("Cancel"), bar, win)
	dlg.SetOnClosed(cancel)
	dlg.Show()
	var last time.Time
	progress := func(f float64) {
		if time.Since(last) < 100*time.Millisecond && f < 1 {
			return
		}
		last = time.Now()
		d.run.post(func() { bar.SetValue(f) })
	}
	d.run.background(func() func() {
		msg, err := work(ctx, progress)
		return func() {
			cancelled := ctx.Err() != nil
			dlg.Hide() // closing the dialog cancels ctx: decide before
			switch {
			case err == nil:
				dialog.ShowInformation(title, msg, win)
			case cancelled || errors.Is(err, context.Canceled):
				dialog.ShowInformation(title, lang.L("Cancelled: nothing was saved."), win)
			default:
				showError(err, win)
			}
		}
	})
}

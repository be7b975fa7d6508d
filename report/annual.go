// Package report builds the committee's annual report: a PDF with the
// letterhead, the year's figures and charts, and the list of opinions
// issued, in the committee's language of documents (English, Chinese, or
// both). Its figures come from cases.Service.Statistics, the function the
// statistics screen calls, so the two always agree.
package report

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/opinion"
)

// Progress is told how far the report has come (done of total steps).
type Progress func(done, total int)

// Annual builds the annual report for year in lh.Language. It stops with
// ctx's error when ctx is cancelled (the window's Cancel button).
func Annual(ctx context.Context, svc *cases.Service, actor cases.User, year int, lh opinion.Letterhead, progress Progress) ([]byte, error) {
	if year < 1900 || year > 9999 {
		return nil, fmt.Errorf("%d is not a year the report can be made for.", year)
	}
	if progress == nil {
		progress = func(int, int) {}
	}
	const steps = 4 + 6
	p := cases.YearPeriod(year)
	st, err := svc.Statistics(ctx, actor, p)
	if err != nil {
		return nil, err
	}
	progress(1, steps)
	issued, err := svc.OpinionsIssuedIn(ctx, actor, p)
	if err != nil {
		return nil, err
	}
	progress(2, steps)

	w := words{l: lh.Language}
	title := w.say("Annual report {{.Year}}", map[string]any{"Year": year})
	doc := opinion.NewDocument(lh, fmt.Sprintf("AR-%d", year), time.Now(), title)
	doc.Title(title, w.say("The committee's work from {{.From}} to {{.To}}", map[string]any{"From": p.From, "To": p.To}))
	doc.Heading(w.say("The year in figures", nil))
	doc.KeyValues(w.figures(st))
	doc.Note(w.say(Definitions, nil))
	received, decided := w.say("Received", nil), w.say("Decided", nil)
	legend := [2]string{w.say("Received in the period", nil), w.say("Decided in the period", nil)}
	step := 2
	for _, t := range st.Tables {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		doc.Heading(w.byDimension(t))
		rows := make([][]string, 0, len(t.Rows))
		for i, r := range t.Rows {
			t.Rows[i].Label = w.label(t, r)
			rows = append(rows, []string{t.Rows[i].Label, strconv.Itoa(r.Received), strconv.Itoa(r.Decided)})
		}
		if len(rows) == 0 {
			doc.Paragraph(false, w.say("No cases.", nil))
			continue
		}
		doc.Table([]string{w.dimension(t), received, decided}, rows, []float64{5, 1.3, 1.3})
		png, err := BarChartPNG(t, legend)
		if err != nil {
			return nil, err
		}
		doc.Image(png, 480, 0)
		step++
		progress(step, steps)
	}
	doc.Heading(w.say("Opinions issued", nil))
	if len(issued) == 0 {
		doc.Paragraph(false, w.say("No opinion was issued in the year.", nil))
	} else {
		rows := make([][]string, 0, len(issued))
		for _, o := range issued {
			title := o.Title
			if title == cases.ConfidentialTitle {
				title = w.say(title, nil)
			}
			rows = append(rows, []string{o.Reference, title, w.decision(o.Decision), w.date(o.IssuedOn)})
		}
		doc.Table([]string{w.say("Reference", nil), w.say("Title", nil), w.say("Decision", nil), w.say("Issued", nil)},
			rows, []float64{1.6, 4.1, 2.1, 2.0})
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	pdf, err := doc.Bytes()
	if err != nil {
		return nil, err
	}
	progress(steps, steps)
	return pdf, nil
}

// figures are the headline numbers in the report's language.
func (w words) figures(st cases.Statistics) []opinion.Field {
	days := func(v float64, n int) string {
		if n == 0 {
			return w.say("no decided case had been accepted", nil)
		}
		return w.say("{{.Days}} days ({{.Cases}} cases)", map[string]any{"Days": strconv.FormatFloat(v, 'f', -1, 64), "Cases": n})
	}
	return []opinion.Field{
		{Label: w.say("Cases received", nil), Value: strconv.Itoa(st.Received)},
		{Label: w.say("Cases decided", nil), Value: strconv.Itoa(st.Decided)},
		{Label: w.say("Median time to decision", nil), Value: days(st.DecisionTime.MedianDays, st.DecisionTime.Cases)},
		{Label: w.say("90th percentile time to decision", nil), Value: days(st.DecisionTime.P90Days, st.DecisionTime.Cases)},
		{Label: w.say("Overdue as of {{.Date}}", map[string]any{"Date": st.AsOf}), Value: strconv.Itoa(st.Overdue)},
	}
}

// Definitions explains the figures in the report's own words.
const Definitions = "A case is decided on the day of its first move to Opinion issued, Inadmissible or Withdrawn. " +
	"Time to decision counts calendar days from acceptance to decision, for the cases decided in the period that had been accepted; " +
	"the 90th percentile is the duration that 90% of them did not exceed. Overdue counts the cases received in the period whose running " +
	"deadline has passed, not counting cases awaiting information. Breakdowns use each case's current classification. " +
	"The figures contain no personal data."

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	if r[0] >= 'A' && r[0] <= 'Z' {
		r[0] += 'a' - 'A'
	}
	return string(r)
}

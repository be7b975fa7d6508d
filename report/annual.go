// Package report builds the committee's annual report: a PDF with the
// letterhead, the year's figures and charts, and the list of opinions
// issued. Its figures come from cases.Service.Statistics, the function the
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

// Annual builds the annual report for year. It stops with ctx's error when
// ctx is cancelled (the window's Cancel button).
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

	title := fmt.Sprintf("Annual report %d", year)
	doc := opinion.NewDocument(lh, fmt.Sprintf("AR-%d", year), time.Now(), title)
	doc.Title(title, fmt.Sprintf("The committee's work from %s to %s", p.From, p.To))
	doc.Heading("The year in figures")
	doc.KeyValues(Figures(st))
	doc.Note(Definitions)
	step := 2
	for _, t := range st.Tables {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		doc.Heading("By " + lowerFirst(t.Title))
		rows := make([][]string, 0, len(t.Rows))
		for _, r := range t.Rows {
			rows = append(rows, []string{r.Label, strconv.Itoa(r.Received), strconv.Itoa(r.Decided)})
		}
		if len(rows) == 0 {
			doc.Paragraph(false, "No cases.")
			continue
		}
		doc.Table([]string{t.Title, "Received", "Decided"}, rows, []float64{5, 1.3, 1.3})
		png, err := BarChartPNG(t)
		if err != nil {
			return nil, err
		}
		doc.Image(png, 480, 0)
		step++
		progress(step, steps)
	}
	doc.Heading("Opinions issued")
	if len(issued) == 0 {
		doc.Paragraph(false, "No opinion was issued in the year.")
	} else {
		rows := make([][]string, 0, len(issued))
		for _, o := range issued {
			rows = append(rows, []string{o.Reference, o.Title, decisionText(o.Decision), o.IssuedOn.String()})
		}
		doc.Table([]string{"Reference", "Title", "Decision", "Issued"}, rows, []float64{1.6, 4.5, 2.2, 1.5})
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

// Figures are the headline numbers, as the report and the screen print them.
func Figures(st cases.Statistics) []opinion.Field {
	return []opinion.Field{
		{Label: "Cases received", Value: strconv.Itoa(st.Received)},
		{Label: "Cases decided", Value: strconv.Itoa(st.Decided)},
		{Label: "Median time to decision", Value: days(st.DecisionTime.MedianDays, st.DecisionTime.Cases)},
		{Label: "90th percentile time to decision", Value: days(st.DecisionTime.P90Days, st.DecisionTime.Cases)},
		{Label: "Overdue as of " + st.AsOf.String(), Value: strconv.Itoa(st.Overdue)},
	}
}

// Definitions explains the figures in the report's own words.
const Definitions = "A case is decided on the day of its first move to Opinion issued, Inadmissible or Withdrawn. " +
	"Time to decision counts calendar days from acceptance to decision, for the cases decided in the period that had been accepted; " +
	"the 90th percentile is the duration that 90% of them did not exceed. Overdue counts the cases received in the period whose running " +
	"deadline has passed, not counting cases awaiting information. Breakdowns use each case's current classification. " +
	"The figures contain no personal data."

func days(v float64, n int) string {
	if n == 0 {
		return "no decided case had been accepted"
	}
	return strconv.FormatFloat(v, 'f', -1, 64) + " days (" + strconv.Itoa(n) + " cases)"
}

func decisionText(d cases.Decision) string {
	if l := cases.DecisionLabel(d); l != "" {
		return l
	}
	return "Opinion issued"
}

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

// Package export writes the register to CSV and XLSX files and deadlines
// and meetings to an iCalendar file. What goes out is decided by
// cases.Service (permissions, personal data, the audit entry); this package
// only lays it out. Every writer stops when its context is cancelled.
package export

import (
	"context"
	"fmt"
	"strconv"

	"ethicsdesk/cases"
)

// Column is one column of a register export.
type Column struct {
	Header string
	Value  func(c cases.Case) string
	// Personal marks submitters' personal data, exported only on request.
	Personal bool
}

// Columns are the register's exported columns, in order; the personal ones last.
var Columns = []Column{
	{Header: "Reference", Value: func(c cases.Case) string { return c.Reference }},
	{Header: "Type", Value: func(c cases.Case) string { return c.TypeCode }},
	{Header: "Title", Value: func(c cases.Case) string { return c.Title }},
	{Header: "Summary", Value: func(c cases.Case) string { return c.Summary }},
	{Header: "Status", Value: func(c cases.Case) string { return string(c.Status) }},
	{Header: "Received", Value: func(c cases.Case) string { return c.ReceivedOn.String() }},
	{Header: "Accepted", Value: func(c cases.Case) string { return c.AcceptedOn.String() }},
	{Header: "Due", Value: func(c cases.Case) string { return c.DueOn.String() }},
	{Header: "Channel", Value: func(c cases.Case) string { return string(c.Channel) }},
	{Header: "Submitter kind", Value: func(c cases.Case) string { return string(c.Submitter.Kind) }},
	{Header: "Respondent", Value: func(c cases.Case) string { return c.Respondent }},
	{Header: "AI system", Value: func(c cases.Case) string { return c.AISystem }},
	{Header: "Sector", Value: func(c cases.Case) string { return string(c.Sector) }},
	{Header: "Classification code", Value: func(c cases.Case) string { return c.CatalogueCode }},
	{Header: "Risk", Value: func(c cases.Case) string { return string(c.Risk) }},
	{Header: "Alleged breach", Value: func(c cases.Case) string { return string(c.Breach) }},
	{Header: "Priority", Value: func(c cases.Case) string { return string(c.Priority) }},
	{Header: "Confidential", Value: func(c cases.Case) string { return yesNo(c.Confidential) }},
	{Header: "Rapporteur", Value: func(c cases.Case) string { return c.Rapporteur }},
	{Header: "Submitter name", Personal: true, Value: func(c cases.Case) string { return c.Submitter.Name }},
	{Header: "Submitter contact", Personal: true, Value: func(c cases.Case) string { return c.Submitter.Contact }},
	{Header: "Submitter identity confidential", Personal: true, Value: func(c cases.Case) string { return yesNo(c.Submitter.Confidential) }},
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// columnsFor leaves out the personal columns unless asked for.
func columnsFor(includePersonal bool) []Column {
	var out []Column
	for _, c := range Columns {
		if !c.Personal || includePersonal {
			out = append(out, c)
		}
	}
	return out
}

// Format is a file format of the register export.
type Format string

const (
	CSV  Format = "csv"
	XLSX Format = "xlsx"
	ICS  Format = "ics"
)

// ParseFormat reads a format name as typed on the command line.
func ParseFormat(s string) (Format, error) {
	switch Format(s) {
	case CSV, XLSX, ICS:
		return Format(s), nil
	}
	return "", fmt.Errorf("%q is not an export format: choose csv, xlsx or ics.", s)
}

// Options say what to export and how to report progress.
type Options struct {
	Filter          cases.Query
	IncludePersonal bool
	// Progress is told how many cases were written of how many (total is
	// 0 when unknown); it is called from the exporting goroutine.
	Progress func(done, total int)
}

// rowSink receives the header and then each row of a register export.
type rowSink interface {
	header(cols []string) error
	row(cells []string) error
}

// register streams the cases the service hands out into sink.
func register(ctx context.Context, svc cases.API, actor cases.User, f Format, opt Options, sink rowSink) (int, error) {
	cols := columnsFor(opt.IncludePersonal)
	headers := make([]string, len(cols))
	for i, c := range cols {
		headers[i] = c.Header
	}
	if err := sink.header(headers); err != nil {
		return 0, err
	}
	total := 0
	if opt.Progress != nil {
		total, _, _ = svc.CountCases(ctx, actor, opt.Filter)
	}
	cells := make([]string, len(cols))
	done := 0
	return svc.ExportCases(ctx, actor, cases.ExportRequest{Filter: opt.Filter, Format: string(f), IncludePersonal: opt.IncludePersonal},
		func(c cases.Case) error {
			for i, col := range cols {
				cells[i] = col.Value(c)
			}
			if err := sink.row(cells); err != nil {
				return err
			}
			done++
			if opt.Progress != nil && (done%500 == 0 || done == total) {
				opt.Progress(done, total)
			}
			return nil
		})
}

// Summary describes a finished export for the user.
func Summary(n int, f Format, path string) string {
	return strconv.Itoa(n) + " cases exported to " + path + " (" + string(f) + ")."
}

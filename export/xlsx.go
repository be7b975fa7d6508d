package export

import (
	"context"
	"io"

	"github.com/xuri/excelize/v2"

	"ethicsdesk/cases"
)

// sheetName is the worksheet the register is written to.
const sheetName = "Register"

type xlsxSink struct {
	sw   *excelize.StreamWriter
	next int // the spreadsheet row written last
}

func (s *xlsxSink) header(cols []string) error { return s.write(cols) }
func (s *xlsxSink) row(cells []string) error   { return s.write(cells) }

func (s *xlsxSink) write(cells []string) error {
	s.next++
	vals := make([]any, len(cells))
	for i, c := range cells {
		vals[i] = c // strings, never formulas: a cell typed "=…" stays text
	}
	cell, err := excelize.CoordinatesToCellName(1, s.next)
	if err != nil {
		return err
	}
	return s.sw.SetRow(cell, vals)
}

// WriteXLSX writes the register (opt.Filter) as an Excel workbook with one
// sheet, streamed so 100,000 rows do not have to be held in memory twice.
func WriteXLSX(ctx context.Context, w io.Writer, svc cases.API, actor cases.User, opt Options) (int, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheetName); err != nil {
		return 0, err
	}
	sw, err := f.NewStreamWriter(sheetName)
	if err != nil {
		return 0, err
	}
	n, err := register(ctx, svc, actor, XLSX, opt, &xlsxSink{sw: sw})
	if err != nil {
		return n, err
	}
	if err := sw.Flush(); err != nil {
		return n, err
	}
	_, err = f.WriteTo(w)
	return n, err
}

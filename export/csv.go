package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"io"
	"strings"

	"ethicsdesk/cases"
)

type csvSink struct{ w *csv.Writer }

func (s csvSink) header(cols []string) error { return s.w.Write(cols) }

func (s csvSink) row(cells []string) error {
	safe := make([]string, len(cells))
	for i, c := range cells {
		safe[i] = defuseFormula(c)
	}
	return s.w.Write(safe)
}

// defuseFormula keeps a spreadsheet from running a cell typed by a
// submitter as a formula (CSV injection): a leading =, +, -, @, tab or CR
// gets a quote mark in front, as OWASP recommends.
func defuseFormula(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteCSV writes the register (opt.Filter) as UTF-8 CSV with a byte order
// mark, so that spreadsheet programs read Chinese text correctly.
func WriteCSV(ctx context.Context, w io.Writer, svc cases.API, actor cases.User, opt Options) (int, error) {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString("\ufeff"); err != nil {
		return 0, err
	}
	cw := csv.NewWriter(bw)
	n, err := register(ctx, svc, actor, CSV, opt, csvSink{cw})
	if err != nil {
		return n, err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return n, err
	}
	return n, bw.Flush()
}

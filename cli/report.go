package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"ethicsdesk/internal/safefile"
	"ethicsdesk/opinion"
	"ethicsdesk/report"
)

func init() {
	subcommands["report"] = subcommand{"write the annual report of a year as a PDF", cmdReport}
}

func cmdReport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "register file")
	year := fs.Int("year", time.Now().Year()-1, "year to report on")
	out := fs.String("out", "", "PDF file to write")
	userName := addUserFlag(fs)
	force := addForceFlag(fs)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *db == "" || *out == "" {
		fmt.Fprintln(stderr, "report: usage: ethicsdesk report --db PATH --user NAME --year YYYY --out FILE.pdf [--force]")
		return 2
	}
	outOpt := outputOptions(*db, *force)
	if err := safefile.Check(*out, outOpt); err != nil {
		fmt.Fprintln(stderr, "report:", err)
		return 1
	}
	sess, code := openSession("report", *db, *userName, stderr)
	if sess == nil {
		return code
	}
	defer sess.db.Close()
	ctx, reg, svc, actor := context.Background(), sess.db, sess.svc, sess.actor
	name, address, err := reg.CommitteeLetterhead(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "report:", err)
		return 1
	}
	pdf, err := report.Annual(ctx, svc, actor, *year, opinion.Letterhead{Name: name, Address: address}, nil)
	if err != nil {
		fmt.Fprintln(stderr, "report:", err)
		return 1
	}
	if err := safefile.WriteBytes(*out, pdf, outOpt); err != nil {
		fmt.Fprintln(stderr, "report:", err)
		return 1
	}
	fmt.Fprintf(stdout, "Wrote the %d annual report to %s (%d KB).\n", *year, *out, len(pdf)/1024)
	return 0
}

package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/internal/safefile"
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
	srv := addServerFlags(fs)
	force := addForceFlag(fs)
	language := fs.String("language", "", "the report's language: en, zh-Hans or zh-Hans+en (default: the committee's language of documents)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if (*db == "") == !srv.given() || *out == "" {
		fmt.Fprintln(stderr, "report: usage: ethicsdesk report --db PATH|--server URL --user NAME --year YYYY --out FILE.pdf [--force]")
		return 2
	}
	outOpt := outputOptions(*db, *force)
	if err := safefile.Check(*out, outOpt); err != nil {
		fmt.Fprintln(stderr, "report:", err)
		return 1
	}
	sess, code := openSession("report", *db, srv, *userName, stderr)
	if sess == nil {
		return code
	}
	defer sess.close()
	ctx, svc, actor := context.Background(), sess.svc, sess.actor
	// Through the service (and so through the committee server too): the
	// same letterhead and figures as the window's report.
	pdf, err := svc.AnnualReport(ctx, actor, *year, cases.DocumentLanguage(*language), nil)
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

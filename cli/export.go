package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"ethicsdesk/cases"
	"ethicsdesk/export"
	"ethicsdesk/internal/safefile"
)

func init() {
	subcommands["export"] = subcommand{"export the register (csv, xlsx) or deadlines and meetings (ics)", cmdExport}
}

func cmdExport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "register file")
	format := fs.String("format", "csv", "csv, xlsx or ics")
	out := fs.String("out", "", "file to write")
	personal := fs.Bool("include-personal-data", false, "include submitters' names and contacts (recorded in the audit log)")
	year := fs.Int("year", 0, "only cases received in this year")
	status := fs.String("status", "", "only cases in this status (e.g. under_review)")
	submitter := fs.String("submitter", "", "only the cases of this submitter, by name or e-mail (a request for their data; secretariat)")
	userName := addUserFlag(fs)
	srv := addServerFlags(fs)
	force := addForceFlag(fs)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	f, err := export.ParseFormat(*format)
	if (*db == "") == !srv.given() || *out == "" || err != nil {
		if err != nil {
			fmt.Fprintln(stderr, "export:", err)
		}
		fmt.Fprintln(stderr, "export: usage: ethicsdesk export --db PATH|--server URL --user NAME --format csv|xlsx|ics --out FILE [--include-personal-data] [--submitter NAME] [--force]")
		return 2
	}
	outOpt := outputOptions(*db, *force)
	if err := safefile.Check(*out, outOpt); err != nil {
		fmt.Fprintln(stderr, "export:", err)
		return 1
	}
	// The export acts as a signed-in user: it holds what that user may read,
	// and personal data only for a role that may see it.
	sess, code := openSession("export", *db, srv, *userName, stderr)
	if sess == nil {
		return code
	}
	defer sess.close()
	svc, actor := sess.svc, sess.actor
	// A submitter's own data is what they asked for: it goes out whole.
	opt := export.Options{Filter: cases.Query{Year: *year, Status: cases.Status(*status), Submitter: *submitter},
		IncludePersonal: *personal || strings.TrimSpace(*submitter) != ""}
	var n int
	err = safefile.Write(*out, outOpt, func(w io.Writer) error {
		var werr error
		n, werr = export.Write(context.Background(), f, w, svc, actor, opt)
		return werr
	})
	if err != nil {
		fmt.Fprintln(stderr, "export:", err)
		return 1
	}
	if f == export.ICS {
		fmt.Fprintf(stdout, "%d deadlines and meetings exported to %s.\n", n, *out)
	} else {
		fmt.Fprintln(stdout, export.Summary(n, f, *out))
	}
	return 0
}

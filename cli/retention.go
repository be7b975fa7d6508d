package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
)

func init() {
	subcommands["retention"] = subcommand{"list or, with --apply, anonymise the closed cases past the retention period (administrator)", cmdRetention}
}

func cmdRetention(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("retention", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "register file")
	apply := fs.Bool("apply", false, "remove the submitters' names and contact details of the cases listed")
	userName := addUserFlag(fs)
	srv := addServerFlags(fs)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if (*db == "") == !srv.given() {
		fmt.Fprintln(stderr, "retention: usage: ethicsdesk retention --db PATH|--server URL --user ADMIN [--apply]")
		return 2
	}
	sess, code := openSession("retention", *db, srv, *userName, stderr)
	if sess == nil {
		return code
	}
	defer sess.close()
	ctx := context.Background()
	due, err := sess.svc.RetentionDue(ctx, sess.actor)
	if err != nil {
		fmt.Fprintln(stderr, "retention:", err)
		return 1
	}
	fmt.Fprintf(stdout, "Retention period: %d years after closure. Cases closed on or before %s whose submitters are still named: %d.\n",
		due.Years, due.ClosedBefore.Human(), len(due.Cases))
	for _, c := range due.Cases {
		fmt.Fprintf(stdout, "%s\tclosed %s\t%s\n", c.Reference, c.ClosedOn.Human(), oneLine(c.Title))
	}
	if !*apply || len(due.Cases) == 0 {
		if len(due.Cases) > 0 {
			fmt.Fprintln(stdout, "Nothing was changed; run again with --apply to anonymise them.")
		}
		return 0
	}
	n, err := sess.svc.ApplyRetention(ctx, sess.actor)
	if err != nil {
		fmt.Fprintln(stderr, "retention:", err)
		return 1
	}
	fmt.Fprintf(stdout, "Removed the submitter's name and contact details from %d %s; every other field stays for the statistics.\n",
		n, plural(n, "case", "cases"))
	return 0
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"ethicsdesk/cases"
	"ethicsdesk/internal/safefile"
)

func init() {
	subcommands["opinion"] = subcommand{"write the issued, signed opinion of a case as a PDF", cmdOpinion}
}

const opinionUsage = `Usage:
  ethicsdesk opinion --db PATH|--server URL --case REF --out FILE.pdf --user NAME [--force]
Writes the exact bytes of the case's newest issued opinion, as signed by the
rapporteur and the chair (password from $ETHICSDESK_PASSWORD or asked).
An existing FILE.pdf is replaced only with --force.`

// cmdOpinion writes a case's issued opinion's stored PDF, after the service
// has checked it against the fingerprint recorded at issue.
func cmdOpinion(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("opinion", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", "", "register file")
	ref := fs.String("case", "", "the case's reference")
	out := fs.String("out", "", "the PDF file to write")
	userName := addUserFlag(fs)
	srv := addServerFlags(fs)
	force := addForceFlag(fs)
	fs.Usage = func() { fmt.Fprintln(stderr, opinionUsage) }
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if (*dbPath == "") == !srv.given() || *ref == "" || *out == "" || fs.NArg() != 0 {
		fmt.Fprintln(stderr, opinionUsage)
		return 2
	}
	outOpt := outputOptions(*dbPath, *force)
	if err := safefile.Check(*out, outOpt); err != nil {
		fmt.Fprintln(stderr, "opinion:", err)
		return 1
	}
	sess, code := openSession("opinion", *dbPath, srv, *userName, stderr)
	if sess == nil {
		return code
	}
	defer sess.close()
	ctx, svc, actor := context.Background(), sess.svc, sess.actor
	c, err := svc.FindCase(ctx, actor, *ref)
	if errors.Is(err, cases.ErrNotFound) {
		fmt.Fprintf(stderr, "opinion: there is no case %s, or you may not see it\n", *ref)
		return 1
	}
	if err != nil {
		fmt.Fprintln(stderr, "opinion:", err)
		return 1
	}
	pdf, op, err := svc.IssuedOpinionPDF(ctx, actor, c.ID)
	if errors.Is(err, cases.ErrNotFound) {
		fmt.Fprintf(stderr, "opinion: case %s has no issued opinion\n", c.Reference)
		return 1
	}
	if err != nil {
		fmt.Fprintln(stderr, "opinion:", err)
		return 1
	}
	if err := safefile.WriteBytes(*out, pdf, outOpt); err != nil {
		fmt.Fprintln(stderr, "opinion:", err)
		return 1
	}
	fmt.Fprintf(stdout, "Wrote the opinion of %s issued on %s (%d bytes, SHA-256 %s) to %s\n",
		c.Reference, op.IssuedAt.Local().Format("2006-01-02 15:04"), len(pdf), op.PDFSHA256, *out)
	return 0
}

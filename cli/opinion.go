package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"ethicsdesk/app"
	"ethicsdesk/cases"
	"ethicsdesk/internal/safefile"
)

func init() {
	subcommands["opinion"] = subcommand{"write the issued, signed opinion of a case as a PDF", cmdOpinion}
}

const opinionUsage = `Usage:
  ethicsdesk opinion --db PATH|--server URL --case REF --out FILE.pdf --user NAME [--force]
  ethicsdesk opinion --db PATH|--server URL --case REF --sign --user NAME [--out FILE.pdf]
Writes the exact bytes of the case's newest issued opinion, as signed by the
rapporteur and the chair (password from $ETHICSDESK_PASSWORD or asked).
An existing FILE.pdf is replaced only with --force.
With --sign, first signs the case's opinion: as its author (the rapporteur)
or, once the rapporteur has signed, as the chair, which issues it. The
password is the user's, asked again (or $ETHICSDESK_PASSWORD). On the
committee server the key on this computer signs (see: ethicsdesk keys).`

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
	sign := fs.Bool("sign", false, "sign the case's opinion first (as its rapporteur, or countersigning as the chair)")
	fs.Usage = func() { fmt.Fprintln(stderr, opinionUsage) }
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if (*dbPath == "") == !srv.given() || *ref == "" || (*out == "" && !*sign) || fs.NArg() != 0 {
		fmt.Fprintln(stderr, opinionUsage)
		return 2
	}
	outOpt := outputOptions(*dbPath, *force)
	if *out != "" {
		if err := safefile.Check(*out, outOpt); err != nil {
			fmt.Fprintln(stderr, "opinion:", err)
			return 1
		}
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
	if *sign {
		signed, err := signOpinion(ctx, svc, actor, c, stderr)
		if err != nil {
			fmt.Fprintln(stderr, "opinion:", err)
			return 1
		}
		if signed.State != cases.OpinionIssuedState {
			fmt.Fprintf(stdout, "Signed the opinion of %s as its rapporteur; it now waits for the chair's countersignature.\n", c.Reference)
			return 0
		}
		fmt.Fprintf(stdout, "Countersigned the opinion of %s: it is issued.\n", c.Reference)
		if *out == "" {
			return 0
		}
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

// signOpinion signs the case's opinion as actor, with the password asked
// again (or $ETHICSDESK_PASSWORD): on the committee server the key on
// this computer makes the signature.
func signOpinion(ctx context.Context, svc cases.API, actor cases.User, c cases.Case, stderr io.Writer) (cases.Opinion, error) {
	pw, err := signingPassword(actor, stderr)
	if err != nil {
		return cases.Opinion{}, err
	}
	return svc.SignOpinion(ctx, actor, c.ID, pw)
}

// signingPassword is the signer's password, re-entered at the moment of
// signing ($ETHICSDESK_PASSWORD when a script gives it).
func signingPassword(actor cases.User, stderr io.Writer) (string, error) {
	if pw, ok := os.LookupEnv(app.PasswordEnv); ok {
		return pw, nil
	}
	return app.AskPassword(fmt.Sprintf("Signing password for %s: ", actor.Username), stderr)
}

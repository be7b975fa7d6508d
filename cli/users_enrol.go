package cli

import (
	"context"
	"flag"
	"fmt"
	"io"

	"ethicsdesk/app"
	"ethicsdesk/cases"
	"ethicsdesk/internal/safefile"
	"ethicsdesk/signing"
)

// enrolFlags are the arguments of `users enrol`: the account, the
// server's address as members reach it, and the file to write.
type enrolFlags struct {
	user, address, out string
	force              bool
}

// parseEnrol reads `enrol USERNAME --address URL --out FILE [--force]`;
// nil and the exit status when they are wrong. Enrolment is made on the
// committee's machine, from the register file (--db): it hands out the
// root that the server's certificate chains to.
func parseEnrol(args []string, overServer bool, stderr io.Writer) (*enrolFlags, int) {
	usage := "usage: ethicsdesk users --db PATH --user ADMIN enrol USERNAME --address https://HOST:PORT --out FILE.edesk [--force]"
	if overServer {
		fmt.Fprintln(stderr, "users enrol: an enrolment file is made on the committee's machine with --db (the register the server serves), not through --server.")
		return nil, 2
	}
	if len(args) == 0 || args[0] == "" || args[0][0] == '-' {
		fmt.Fprintln(stderr, usage)
		return nil, 2
	}
	e := &enrolFlags{user: args[0]}
	fs := flag.NewFlagSet("users enrol", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&e.address, "address", "", "the committee server's address as members reach it (https://HOST:PORT)")
	fs.StringVar(&e.out, "out", "", "the enrolment file to write")
	fs.BoolVar(&e.force, "force", false, "replace --out if it exists")
	if err := fs.Parse(args[1:]); err != nil {
		return nil, 2
	}
	if e.address == "" || e.out == "" || fs.NArg() != 0 {
		fmt.Fprintln(stderr, usage)
		return nil, 2
	}
	if err := app.CheckAddress(e.address); err != nil {
		fmt.Fprintln(stderr, "users enrol:", err)
		return nil, 2
	}
	if err := safefile.Check(e.out, safefile.Options{Replace: e.force}); err != nil {
		fmt.Fprintln(stderr, "users enrol:", err)
		return nil, 1
	}
	return e, 0
}

// write makes the enrolment file for an existing, active account; only an
// administrator may (the account list is theirs).
func (e *enrolFlags) write(ctx context.Context, svc cases.API, actor cases.User, stdout io.Writer) error {
	if !actor.Can(cases.ActManageUsers) {
		return &cases.ForbiddenError{Action: string(cases.ActManageUsers)}
	}
	users, err := svc.Users(ctx, actor)
	if err != nil {
		return err
	}
	found := false
	for _, u := range users {
		if u.Username == e.user {
			if !u.Active {
				return fmt.Errorf("the account %q is deactivated; reactivate it first.", e.user)
			}
			found = true
		}
	}
	if !found {
		return fmt.Errorf("there is no account %q; add it first (ethicsdesk users add).", e.user)
	}
	root, err := svc.CommitteeRoot(ctx)
	if err != nil {
		return fmt.Errorf("the committee's root certificate cannot be read (%v); the administrator creates it in Signatures › Signing keys before the server starts.", err)
	}
	if err := app.WriteEnrolment(e.out, app.Enrolment{Server: e.address, User: e.user, Root: root}, e.force); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Wrote %s for %s: the committee server at %s and its root (SHA-256 %s).\nGive it to %s; they open it with: ethicsdesk --enrol %s\n",
		e.out, e.user, e.address, signing.Fingerprint(root), e.user, e.out)
	return nil
}

package cli

import (
	"context"
	"flag"
	"fmt"
	"io"

	"ethicsdesk/app"
	"ethicsdesk/cases"
)

// addUserFlag adds --user to a subcommand that reads or changes cases.
func addUserFlag(fs *flag.FlagSet) *string {
	return fs.String("user", "", "act as this user (password from $ETHICSDESK_PASSWORD or asked on the terminal)")
}

// serverFlags are --server and --trust: the committee server a command
// works on instead of a register file (--db).
type serverFlags struct{ server, trust *string }

func addServerFlags(fs *flag.FlagSet) serverFlags {
	return serverFlags{
		server: fs.String("server", "", "work on the committee server at https://HOST:PORT instead of a register file"),
		trust:  fs.String("trust", "", "the committee's root certificate (ROOT.pem) or its SHA-256 fingerprint, the first time this computer connects to --server"),
	}
}

// given says whether --server was given.
func (s serverFlags) given() bool { return s.server != nil && *s.server != "" }

func (s serverFlags) values() (server, trust string) {
	if s.server != nil {
		server, trust = *s.server, *s.trust
	}
	return server, trust
}

// session is a register opened by a command that acts as a signed-in user:
// a local file or the committee server.
type session struct {
	svc   cases.API
	actor cases.User
	close app.Ending
}

// openSession opens an existing register (or connects to the committee
// server) and signs the named user in. On failure it says why, prefixed
// with the command's name, and returns the exit status to use.
func openSession(cmd, dbPath string, srv serverFlags, userName string, stderr io.Writer) (*session, int) {
	ctx := context.Background()
	server, trust := srv.values()
	svc, end, err := app.Open(ctx, dbPath, server, trust)
	if err != nil {
		fmt.Fprintln(stderr, cmd+":", err)
		return nil, 1
	}
	actor, err := app.SignIn(ctx, svc, userName, stderr)
	if err != nil {
		end()
		fmt.Fprintln(stderr, cmd+":", err)
		return nil, 1
	}
	return &session{svc: svc, actor: actor, close: end}, 0
}

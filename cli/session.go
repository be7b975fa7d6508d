package cli

import (
	"context"
	"flag"
	"fmt"
	"io"

	"ethicsdesk/app"
	"ethicsdesk/cases"
	"ethicsdesk/store"
)

// addUserFlag adds --user to a subcommand that reads or changes cases.
func addUserFlag(fs *flag.FlagSet) *string {
	return fs.String("user", "", "act as this user (password from $"+app.PasswordEnv+" or asked on the terminal)")
}

// session is a register opened by a command that acts as a signed-in user.
type session struct {
	db    *store.DB
	svc   *cases.Service
	actor cases.User
}

// openSession opens an existing register and signs the named user in. On
// failure it says why, prefixed with the command's name, and returns the
// exit status to use.
func openSession(cmd, dbPath, userName string, stderr io.Writer) (*session, int) {
	db, err := store.OpenExisting(dbPath)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return nil, 1
	}
	svc := app.NewService(db, nil)
	actor, err := app.SignIn(context.Background(), svc, userName, stderr)
	if err != nil {
		db.Close()
		fmt.Fprintln(stderr, cmd+":", err)
		return nil, 1
	}
	return &session{db: db, svc: svc, actor: actor}, 0
}

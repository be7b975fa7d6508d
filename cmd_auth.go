package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"ethicsdesk/cases"
	"ethicsdesk/issuing"
	"ethicsdesk/report"
	"ethicsdesk/store"
)

// passwordEnv lets scripts give the password without a terminal.
const passwordEnv = "ETHICSDESK_PASSWORD"

// addUserFlag adds --user to a subcommand that reads or changes cases.
func addUserFlag(fs *flag.FlagSet) *string {
	return fs.String("user", "", "act as this user (password from $"+passwordEnv+" or asked on the terminal)")
}

// signIn checks the named user's password, taken from ETHICSDESK_PASSWORD
// or asked on the terminal, through the same Login as the window (so
// wrong passwords count toward the lockout).
func signIn(ctx context.Context, svc *cases.Service, username string, stderr io.Writer) (cases.User, error) {
	if username == "" {
		return cases.User{}, errors.New("give the user to act as with --user NAME")
	}
	pw, ok := os.LookupEnv(passwordEnv)
	if !ok {
		var err error
		if pw, err = askPassword(fmt.Sprintf("Password for %s: ", username), stderr); err != nil {
			return cases.User{}, err
		}
	}
	return svc.Login(ctx, username, pw)
}

// askPassword reads the password from the terminal without showing it
// (golang.org/x/term, on every system); when standard input is not a
// terminal (a pipe from a script) it reads one line.
func askPassword(prompt string, stderr io.Writer) (string, error) {
	fmt.Fprint(stderr, prompt)
	if fd := int(os.Stdin.Fd()); term.IsTerminal(fd) {
		pw, err := term.ReadPassword(fd)
		fmt.Fprintln(stderr)
		if err != nil {
			return "", fmt.Errorf("no password was given (set %s to give it without a terminal)", passwordEnv)
		}
		return string(pw), nil
	}
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", fmt.Errorf("no password was given (set %s to give it without a terminal)", passwordEnv)
	}
	return strings.TrimRight(line, "\r\n"), nil
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
	svc := newService(db, nil)
	actor, err := signIn(context.Background(), svc, userName, stderr)
	if err != nil {
		db.Close()
		fmt.Fprintln(stderr, cmd+":", err)
		return nil, 1
	}
	return &session{db: db, svc: svc, actor: actor}, 0
}

// newService is the domain service over a register with its ports wired
// in — the document renderer, the keyring, the annual report and (for the
// window; nil for commands) backup and restore — as the window and every
// command use it.
func newService(db *store.DB, maint cases.Maintenance) *cases.Service {
	svc := cases.NewService(db, nil)
	svc.SetPorts(cases.Ports{Documents: issuing.Renderer{Letterhead: db}, Keys: issuing.Keyring{Keys: db},
		Reports: report.Annuals{}, Maintenance: maint})
	return svc
}

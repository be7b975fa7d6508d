package app

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"ethicsdesk/cases"
)

// PasswordEnv lets scripts give the password without a terminal.
const PasswordEnv = "ETHICSDESK_PASSWORD"

// SignIn checks the named user's password, taken from $ETHICSDESK_PASSWORD
// or asked on the terminal, through the same Login as the window (so
// wrong passwords count toward the lockout).
func SignIn(ctx context.Context, svc cases.API, username string, stderr io.Writer) (cases.User, error) {
	if username == "" {
		return cases.User{}, errors.New("give the user to act as with --user NAME")
	}
	pw, ok := os.LookupEnv(PasswordEnv)
	if !ok {
		var err error
		if pw, err = AskPassword(fmt.Sprintf("Password for %s: ", username), stderr); err != nil {
			return cases.User{}, err
		}
	}
	return svc.Login(ctx, username, pw)
}

// AskPassword reads the password from the terminal without showing it
// (golang.org/x/term, on every system); when standard input is not a
// terminal (a pipe from a script) it reads one line.
func AskPassword(prompt string, stderr io.Writer) (string, error) {
	fmt.Fprint(stderr, prompt)
	if fd := int(os.Stdin.Fd()); term.IsTerminal(fd) {
		pw, err := term.ReadPassword(fd)
		fmt.Fprintln(stderr)
		if err != nil {
			return "", fmt.Errorf("no password was given (set %s to give it without a terminal)", PasswordEnv)
		}
		return string(pw), nil
	}
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", fmt.Errorf("no password was given (set %s to give it without a terminal)", PasswordEnv)
	}
	return strings.TrimRight(line, "\r\n"), nil
}

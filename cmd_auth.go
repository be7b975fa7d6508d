package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"ethicsdesk/cases"
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

// askPassword reads a line from the terminal with echo turned off where
// stty exists (Linux, macOS); elsewhere the typed password shows.
func askPassword(prompt string, stderr io.Writer) (string, error) {
	fmt.Fprint(stderr, prompt)
	echoOff := exec.Command("stty", "-echo")
	echoOff.Stdin = os.Stdin
	if echoOff.Run() == nil {
		defer func() {
			on := exec.Command("stty", "echo")
			on.Stdin = os.Stdin
			on.Run()
			fmt.Fprintln(stderr)
		}()
	}
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", fmt.Errorf("no password was given (set %s to give it without a terminal)", passwordEnv)
	}
	return strings.TrimRight(line, "\r\n"), nil
}

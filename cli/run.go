// Package cli is Ethics Desk's command line: one file per command, the
// window (the command run when none is named) and the table that
// dispatches them. Each command talks to the register through cases.API,
// built by package app.
package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"ethicsdesk/internal/version"
)

// subcommand is one of `ethicsdesk NAME …`.
type subcommand struct {
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

var subcommands = map[string]subcommand{
	"seed":  {"fill a register with realistic synthetic cases", cmdSeed},
	"check": {"check a register's integrity and consistency", cmdCheck},
	"root":  {"write the committee's root certificate (PEM) for recipients to trust", cmdRoot},
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		sc, ok := subcommands[args[0]]
		if !ok {
			fmt.Fprintf(stderr, "ethicsdesk: unknown command %q\n\n", args[0])
			usage(stderr)
			return 2
		}
		return sc.run(args[1:], stdout, stderr)
	}
	for _, a := range args {
		if a == "-h" || a == "--help" || a == "-help" || a == "help" {
			usage(stdout)
			return 0
		}
		if a == "--version" || a == "-version" {
			fmt.Fprintln(stdout, "Ethics Desk", version.String())
			return 0
		}
	}
	return runWindow(args, stderr)
}

// usageHead and usageFoot frame the list of commands in --help; they and
// every command's summary are translation keys (assets/translations), so
// the help speaks the system's language.
const (
	usageHead = `Ethics Desk — case register and signed opinions of an AI ethics committee.

Usage:
  ethicsdesk [--db PATH | --demo]     open the register window
  ethicsdesk --server URL [--trust ROOT.pem|FINGERPRINT]
                                      open the window on the committee server
  ethicsdesk --enrol FILE.edesk       remember the committee server an enrolment
                                      file names, and open the window on it
  ethicsdesk COMMAND [flags]          run a command on a register
  ethicsdesk --version                print the version

Commands:`
	usageFoot = `
Run "ethicsdesk COMMAND --help" for a command's flags.`
)

func usage(w io.Writer) {
	say := inSystemLanguage()
	fmt.Fprintln(w, say(usageHead))
	names := make([]string, 0, len(subcommands))
	width := 0
	for n := range subcommands {
		names = append(names, n)
		width = max(width, len(n))
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-*s  %s\n", width, n, say(subcommands[n].summary))
	}
	fmt.Fprintln(w, say(usageFoot))
}

// Run runs the command named by args[0] (the window when args name none)
// and returns the process's exit status.
func Run(args []string, stdout, stderr io.Writer) int { return run(args, stdout, stderr) }

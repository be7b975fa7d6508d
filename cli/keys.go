package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"ethicsdesk/app"
	"ethicsdesk/remote"
)

func init() {
	subcommands["keys"] = subcommand{"move your signing key from the committee server to this computer, or import it from a PKCS#12 file", cmdKeys}
}

const keysUsage = `Usage:
  ethicsdesk keys fetch --server URL --user NAME
  ethicsdesk keys import FILE.p12 --server URL --user NAME
fetch moves your signing key from the committee server to this computer,
once: the server hands over the key sealed under your password, this
computer keeps it, and the server then keeps only your certificate (the
move is recorded in the audit trail). import keeps the key of a PKCS#12
file (its password from $ETHICSDESK_P12_PASSWORD or asked) on this
computer, sealed under your password; its certificate must be the one the
register has for you. Your password comes from $ETHICSDESK_PASSWORD or is
asked. Afterwards you sign opinions on this computer (the window, or
ethicsdesk opinion --sign), connected to the server.`

// p12PasswordEnv gives a PKCS#12 file's password to keys import without
// a terminal.
const p12PasswordEnv = "ETHICSDESK_P12_PASSWORD"

func cmdKeys(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "fetch" && args[0] != "import") {
		fmt.Fprintln(stderr, keysUsage)
		return 2
	}
	action := args[0]
	fs := flag.NewFlagSet("keys "+action, flag.ContinueOnError)
	fs.SetOutput(stderr)
	userName := addUserFlag(fs)
	srv := addServerFlags(fs)
	fs.Usage = func() { fmt.Fprintln(stderr, keysUsage) }
	rest := args[1:]
	var p12Path string
	if action == "import" && len(rest) > 0 && rest[0] != "" && rest[0][0] != '-' {
		p12Path, rest = rest[0], rest[1:]
	}
	if err := fs.Parse(rest); err != nil {
		return 2
	}
	if !srv.given() || fs.NArg() != 0 || (action == "import" && p12Path == "") {
		fmt.Fprintln(stderr, keysUsage)
		return 2
	}
	var p12 []byte
	if action == "import" {
		var err error
		if p12, err = os.ReadFile(p12Path); err != nil {
			fmt.Fprintf(stderr, "keys: the certificate file %s cannot be read: %v\n", p12Path, err)
			return 1
		}
	}
	sess, code := openSession("keys", "", srv, *userName, stderr)
	if sess == nil {
		return code
	}
	defer sess.close()
	client, ok := sess.svc.(*remote.Client)
	if !ok {
		fmt.Fprintln(stderr, "keys: give the committee server with --server")
		return 2
	}
	ctx, actor := context.Background(), sess.actor
	pw, err := signingPassword(actor, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "keys:", err)
		return 1
	}
	var path string
	if action == "fetch" {
		path, err = client.FetchSigningKey(ctx, actor, pw)
	} else {
		p12pw, ok := os.LookupEnv(p12PasswordEnv)
		if !ok {
			if p12pw, err = app.AskPassword("Password of "+p12Path+": ", stderr); err != nil {
				fmt.Fprintln(stderr, "keys:", err)
				return 1
			}
		}
		path, err = client.ImportLaptopKey(ctx, actor, p12, p12pw, pw)
	}
	if err != nil {
		fmt.Fprintln(stderr, "keys:", err)
		return 1
	}
	fmt.Fprintf(stdout, "Your signing key is now kept on this computer, sealed under your password, in %s; the committee server keeps only your certificate.\n", path)
	return 0
}

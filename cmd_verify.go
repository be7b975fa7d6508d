package main

import (
	"context"
	"crypto/x509"
	"flag"
	"fmt"
	"io"
	"os"

	"ethicsdesk/issuing"
	"ethicsdesk/signing"
	"ethicsdesk/store"
)

func init() {
	subcommands["verify"] = subcommand{"check the digital signatures of a PDF opinion", cmdVerify}
}

// cmdVerify prints what each signature of a PDF proves. It exits 0 only
// when every signature is valid and the last one covers the whole file.
func cmdVerify(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "register whose committee root the signers must chain to (optional)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: ethicsdesk verify [--db PATH] FILE.pdf")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	data, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "verify: cannot read %s: %v\n", fs.Arg(0), err)
		return 2
	}
	roots := x509.NewCertPool()
	if *db != "" {
		reg, err := store.OpenExisting(*db)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 2
		}
		defer reg.Close()
		if roots, err = (issuing.Keyring{Keys: reg}).Roots(context.Background()); err != nil {
			fmt.Fprintln(stderr, "verify:", err)
			return 2
		}
	}
	rep, err := signing.Verify(data, roots)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", fs.Arg(0), err)
		return 1
	}
	fmt.Fprintf(stdout, "%s\n", fs.Arg(0))
	rep.Format(stdout)
	if *db == "" {
		fmt.Fprintln(stdout, "(No register given with --db: whether the signers belong to the committee was not checked.)")
	}
	if !rep.OK() {
		return 1
	}
	return 0
}

package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"ethicsdesk/internal/safefile"
	"ethicsdesk/issuing"
	"ethicsdesk/signing"
	"ethicsdesk/store"
)

// cmdRoot writes the committee's root certificate to a PEM file, for
// recipients who install it to trust the committee's signed opinions.
func cmdRoot(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("root", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "the register (required)")
	out := fs.String("out", "", "where to write the certificate, e.g. committee-root.pem (required)")
	force := addForceFlag(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: ethicsdesk root --db PATH --out committee-root.pem [--force]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *db == "" || *out == "" || fs.NArg() != 0 {
		fs.Usage()
		return 2
	}
	outOpt := outputOptions(*db, *force)
	if err := safefile.Check(*out, outOpt); err != nil {
		fmt.Fprintln(stderr, "root:", err)
		return 1
	}
	reg, err := store.OpenExisting(*db)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	defer reg.Close()
	cert, err := issuing.Keyring{Keys: reg}.RootCertificate(context.Background())
	if errors.Is(err, issuing.ErrNoRoot) {
		fmt.Fprintln(stderr, "root: this register has no committee root certificate yet; the administrator creates it in Signatures › Signing keys.")
		return 1
	}
	if err != nil {
		fmt.Fprintln(stderr, "root:", err)
		return 1
	}
	if err := safefile.WriteBytes(*out, signing.CertificatePEM(cert), outOpt); err != nil {
		fmt.Fprintln(stderr, "root:", err)
		return 1
	}
	fmt.Fprintf(stdout, "Wrote the root certificate of %s to %s\nSHA-256 fingerprint: %s\n",
		signing.Printable(cert.Subject.CommonName), *out, signing.Fingerprint(cert))
	return 0
}

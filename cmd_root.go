package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

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
	force := fs.Bool("force", false, "replace the file if it already exists")
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
	pem := signing.CertificatePEM(cert)
	if *force {
		err = writeFileAtomically(*out, pem)
	} else {
		err = writeNewFile(*out, pem)
	}
	if errors.Is(err, os.ErrExist) {
		fmt.Fprintf(stderr, "root: %s already exists; it was left as it is (give --force to replace it).\n", *out)
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "root: %s could not be written: %v\n", *out, err)
		return 1
	}
	fmt.Fprintf(stdout, "Wrote the root certificate of %s to %s\nSHA-256 fingerprint: %s\n",
		signing.Printable(cert.Subject.CommonName), *out, signing.Fingerprint(cert))
	return 0
}

// writeNewFile writes data to path only if nothing is there yet: the file
// is written aside and linked into place, which fails if path exists, so
// neither a file the user did not name is overwritten nor half a file left.
func writeNewFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".root-*.pem")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Link(tmp.Name(), path)
}

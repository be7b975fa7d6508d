package cli

import (
	"context"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"ethicsdesk/cases"
	"ethicsdesk/issuing"
	"ethicsdesk/signing"
	"ethicsdesk/store"
)

func init() {
	subcommands["verify"] = subcommand{"check the digital signatures of a PDF opinion", cmdVerify}
}

// Exit statuses of `ethicsdesk verify`, documented in the README.
const (
	verifyOK         = int(signing.Verified)          // 0
	verifyNotValid   = int(signing.NotVerified)       // 1
	verifyUsage      = 2                              // bad arguments, unreadable file or register
	verifyUnverified = int(signing.SignersUnverified) // 3
)

// trustFiles collects repeated --trust FILE.pem flags.
type trustFiles []string

func (t *trustFiles) String() string     { return strings.Join(*t, ", ") }
func (t *trustFiles) Set(v string) error { *t = append(*t, v); return nil }

// cmdVerify prints what each signature of a PDF proves and exits with the
// verdict: 0 only when every signature is valid, made with a certificate
// that chains to a trusted root, and nothing was changed or left out.
func cmdVerify(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "the committee's register: its root certificate is trusted, and the file is looked up among the opinions it issued")
	var trust trustFiles
	fs.Var(&trust, "trust", "a trusted root certificate (PEM), e.g. another committee's `FILE.pem`; may be repeated")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: ethicsdesk verify [--db PATH] [--trust ROOT.pem]... FILE.pdf")
		fs.PrintDefaults()
		fmt.Fprintln(stderr, `exit status:
  0  verified: every signature valid, every signer chains to a trusted root, nothing changed
  1  NOT verified: a signature is invalid or untrusted, the file was changed, or it is not what the committee issued
  2  usage error, or the file or register could not be read
  3  signatures intact but signers unverified: no trusted root was given (use --db or --trust)`)
	}
	if err := fs.Parse(args); err != nil {
		return verifyUsage
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return verifyUsage
	}
	name := fs.Arg(0)
	data, err := readBounded(name, signing.MaxFileSize)
	if err != nil {
		fmt.Fprintf(stderr, "verify: %v\n", err)
		return verifyUsage
	}
	var roots []*x509.Certificate
	for _, path := range trust {
		pem, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintf(stderr, "verify: cannot read the trusted root %s: %v\n", path, err)
			return verifyUsage
		}
		cert, err := signing.ParseCertificatePEM(pem)
		if err != nil {
			fmt.Fprintf(stderr, "verify: %s: %v\n", path, err)
			return verifyUsage
		}
		roots = append(roots, cert)
	}
	ctx := context.Background()
	var committeeRoot *x509.Certificate
	var register cases.IssuedOpinionLookup
	if *db != "" {
		reg, err := store.OpenExisting(*db)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return verifyUsage
		}
		defer reg.Close()
		committeeRoot, err = issuing.Keyring{Keys: reg}.RootCertificate(ctx)
		if errors.Is(err, issuing.ErrNoRoot) {
			fmt.Fprintln(stderr, "verify: this register has no committee root certificate yet, so no opinion of it can be verified.")
			return verifyUsage
		}
		if err != nil {
			fmt.Fprintln(stderr, "verify:", err)
			return verifyUsage
		}
		roots = append(roots, committeeRoot)
		register = reg
	}
	rep, err := issuing.CheckFile(ctx, data, roots, committeeRoot, register)
	if err != nil {
		fmt.Fprintf(stderr, "verify: %s: %v\n", signing.Printable(name), err)
		if strings.Contains(err.Error(), "register") {
			return verifyUsage
		}
		return verifyNotValid
	}
	fmt.Fprintf(stdout, "%s\n", signing.Printable(name))
	rep.Format(stdout)
	return int(rep.Verdict())
}

// readBounded reads a file of at most limit bytes, refusing a larger one
// without reading it. It reads into one buffer of the file's size, so a
// 50 MB file costs 50 MB, not the doublings of a growing buffer.
func readBounded(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", path, err)
	}
	defer f.Close()
	size := int64(0)
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	if size > limit {
		return nil, fmt.Errorf("%s is larger than %d MB, far larger than an opinion; it was not checked", path, limit>>20)
	}
	buf := make([]byte, size+1)
	n, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("cannot read %s: %v", path, err)
	}
	data := buf[:n]
	if int64(n) == size+1 { // not a regular file, or it grew: read on, within the limit
		rest, err := io.ReadAll(io.LimitReader(f, limit+1-int64(n)))
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %v", path, err)
		}
		data = append(data, rest...)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s is larger than %d MB, far larger than an opinion; it was not checked", path, limit>>20)
	}
	return data, nil
}

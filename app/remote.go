package app

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"ethicsdesk/cases"
	"ethicsdesk/internal/safefile"
	"ethicsdesk/remote"
	"ethicsdesk/signing"
	"ethicsdesk/store"
)

// Connect prepares a client of the committee server at address. trust
// is the committee's root certificate (a PEM file) or its SHA-256
// fingerprint, compared with the root the server presents; either is
// remembered for the address, so later connections need neither.
func Connect(ctx context.Context, address, trust string) (*remote.Client, error) {
	u, err := url.Parse(address)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("%q is not a committee server's address: give it as https://HOST:PORT.", address)
	}
	remembered := rememberedRootPath(u.Host)
	var root *x509.Certificate
	switch {
	case trust != "" && remote.IsFingerprint(trust):
		root, err = remote.RootByFingerprint(ctx, address, trust)
	case trust != "":
		var pem []byte
		if pem, err = os.ReadFile(trust); err == nil {
			root, err = signing.ParseCertificatePEM(pem)
		}
		if err != nil {
			err = fmt.Errorf("The committee's root certificate cannot be read from %s: %v", trust, err)
		}
	default:
		pem, rerr := os.ReadFile(remembered)
		if rerr != nil {
			return nil, fmt.Errorf("This computer does not know the committee server at %s yet: give the committee's root certificate with --trust ROOT.pem, or its SHA-256 fingerprint (the administrator has both) with --trust FINGERPRINT.", address)
		}
		root, err = signing.ParseCertificatePEM(pem)
	}
	if err != nil {
		return nil, err
	}
	if trust != "" && remembered != "" {
		os.MkdirAll(filepath.Dir(remembered), 0o700)
		// Best effort: without it the next connection asks again.
		_ = safefile.WriteBytes(remembered, signing.CertificatePEM(root), safefile.Options{Replace: true})
	}
	c, err := remote.Dial(address, root)
	if err == nil {
		c.SetKeyFolder(laptopKeyFolder(u.Host))
	}
	return c, err
}

// laptopKeyFolder is where members' signing keys for the server at host
// are kept on this computer, under the user's configuration folder.
func laptopKeyFolder(host string) string {
	path := rememberedRootPath(host)
	if path == "" {
		return ""
	}
	return filepath.Join(filepath.Dir(filepath.Dir(path)), "keys", strings.TrimSuffix(filepath.Base(path), ".pem"))
}

// rememberedRootPath is where the root trusted for host is kept, under the
// user's configuration folder; "" when there is none.
func rememberedRootPath(host string) string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	name := strings.NewReplacer(":", "_", "/", "_", "\\", "_", "[", "", "]", "").Replace(host)
	return filepath.Join(dir, "ethicsdesk", "servers", name+".pem")
}

// Ending is what a command calls when it is done: the register closed, or
// the session on the committee server ended.
type Ending func()

// Open is the register a command works on: the local file at dbPath, or
// the committee server at server (with trust, see Connect).
func Open(ctx context.Context, dbPath, server, trust string) (cases.API, Ending, error) {
	if server != "" {
		if dbPath != "" {
			return nil, nil, errors.New("give either --db (a register on this computer) or --server (the committee server), not both")
		}
		c, err := Connect(ctx, server, trust)
		if err != nil {
			return nil, nil, err
		}
		return c, func() { c.SignOut(context.Background()) }, nil
	}
	db, err := store.OpenExisting(dbPath)
	if err != nil {
		return nil, nil, err
	}
	return NewService(db, nil), func() { db.Close() }, nil
}

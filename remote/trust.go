package remote

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"ethicsdesk/signing"
)

// RootByFingerprint connects to the server at address and returns the
// committee root it presents, when that root's SHA-256 fingerprint is
// fingerprint (as `ethicsdesk serve` prints it) and the server's
// certificate chains to it: trust on first use, checked against the
// fingerprint the administrator gave.
func RootByFingerprint(ctx context.Context, address, fingerprint string) (*x509.Certificate, error) {
	u, err := url.Parse(address)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("%q is not a committee server's address: give it as https://HOST:PORT.", address)
	}
	want := normaliseFingerprint(fingerprint)
	d := tls.Dialer{NetDialer: &net.Dialer{Timeout: 10 * time.Second},
		Config: &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS13}} // checked below against the fingerprint
	conn, err := d.DialContext(ctx, "tcp", u.Host)
	if err != nil {
		return nil, unreachable(address, err)
	}
	defer conn.Close()
	chain := conn.(*tls.Conn).ConnectionState().PeerCertificates
	var root *x509.Certificate
	for _, c := range chain {
		if normaliseFingerprint(signing.Fingerprint(c)) == want && c.IsCA {
			root = c
		}
	}
	if root == nil || len(chain) == 0 {
		return nil, fmt.Errorf("The server at %s does not present a committee root with the fingerprint %s: it is not the committee's server, or the fingerprint was mistyped. Nothing was sent to it.", address, fingerprint)
	}
	pool := x509.NewCertPool()
	pool.AddCert(root)
	if _, err := chain[0].Verify(x509.VerifyOptions{Roots: pool, DNSName: u.Hostname(), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}); err != nil {
		return nil, &UntrustedServerError{Server: address, Root: signing.Fingerprint(root)}
	}
	return root, nil
}

// PresentedRoot connects to the server at address and returns the
// committee root it presents, when its certificate chains to that root,
// without trusting it yet: the sign-in screen shows the root's
// fingerprint for the user to compare with the administrator's before
// RootByFingerprint remembers it.
func PresentedRoot(ctx context.Context, address string) (*x509.Certificate, error) {
	u, err := url.Parse(address)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("%q is not a committee server's address: give it as https://HOST:PORT.", address)
	}
	d := tls.Dialer{NetDialer: &net.Dialer{Timeout: 10 * time.Second},
		Config: &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS13}} // only read: the user compares the fingerprint
	conn, err := d.DialContext(ctx, "tcp", u.Host)
	if err != nil {
		return nil, unreachable(address, err)
	}
	defer conn.Close()
	chain := conn.(*tls.Conn).ConnectionState().PeerCertificates
	for _, c := range chain {
		if !c.IsCA || len(chain) < 2 {
			continue
		}
		pool := x509.NewCertPool()
		pool.AddCert(c)
		if _, err := chain[0].Verify(x509.VerifyOptions{Roots: pool, DNSName: u.Hostname(), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}); err == nil {
			return c, nil
		}
	}
	return nil, fmt.Errorf("The server at %s presents no committee root its certificate chains to: it is not an Ethics Desk committee server. Nothing was sent to it.", address)
}

// IsFingerprint says whether s looks like a SHA-256 fingerprint (64 hex
// digits, with or without colons) rather than a file name.
func IsFingerprint(s string) bool {
	n := normaliseFingerprint(s)
	if len(n) != 64 {
		return false
	}
	return strings.Trim(n, "0123456789ABCDEF") == ""
}

func normaliseFingerprint(s string) string {
	s = strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(s), "sha256:"), "SHA256:")
	return strings.ToUpper(strings.NewReplacer(":", "", " ", "").Replace(s))
}

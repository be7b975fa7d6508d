package signing

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"net"
	"time"
)

// serverValidity is how long a committee server's TLS certificate lasts. The
// server makes a new one, with a new key, every time it starts.
const serverValidity = 30 * 24 * time.Hour

// IssueServer makes a TLS server certificate for hosts (names or IP
// addresses) with a fresh ECDSA P-256 key, issued by the committee's root.
// The key exists only in the returned value: nothing is written anywhere,
// so a stopped server leaves no TLS key behind.
func IssueServer(root *Authority, hosts []string, now time.Time) (tls.Certificate, error) {
	if root == nil || root.Cert == nil || root.Key == nil {
		return tls.Certificate{}, errors.New("no committee root certificate is available to issue the server's certificate")
	}
	if len(hosts) == 0 {
		return tls.Certificate{}, errors.New("the server's certificate needs at least one host name or address")
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("could not create a key: %w", err)
	}
	serial, err := randomSerial()
	if err != nil {
		return tls.Certificate{}, err
	}
	notAfter := now.Add(serverValidity)
	if notAfter.After(root.Cert.NotAfter) {
		notAfter = root.Cert.NotAfter
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: hosts[0], Organization: root.Cert.Subject.Organization},
		NotBefore:             now.Add(-clockSkew),
		NotAfter:              notAfter,
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
	}
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, root.Cert, key.Public(), root.Key)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("could not issue the server's certificate: %w", err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return tls.Certificate{}, err
	}
	// The root travels with the certificate so a client pinning its
	// fingerprint on first use can find it.
	return tls.Certificate{Certificate: [][]byte{der, root.Cert.Raw}, PrivateKey: key, Leaf: leaf}, nil
}

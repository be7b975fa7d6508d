package signing

import (
	"crypto/x509"
	"testing"
	"time"
)

// A client that trusts only the committee's root accepts the server's
// certificate for the names it was issued for, and no other; a client
// trusting another root refuses it.
func TestServerCertificateChainsToTheCommitteeRootOnly(t *testing.T) {
	now := time.Now()
	root, err := NewRoot("Committee Root CA", "Committee", now)
	if err != nil {
		t.Fatal(err)
	}
	other, err := NewRoot("Someone Else", "Else", now)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := IssueServer(root, []string{"ethics.example", "127.0.0.1"}, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, host := range []string{"ethics.example", "127.0.0.1"} {
		if _, err := cert.Leaf.Verify(x509.VerifyOptions{DNSName: host, Roots: RootPool(root.Cert), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}); err != nil {
			t.Errorf("%s: %v", host, err)
		}
	}
	if _, err := cert.Leaf.Verify(x509.VerifyOptions{DNSName: "evil.example", Roots: RootPool(root.Cert)}); err == nil {
		t.Error("the certificate was accepted for a name it was not issued for")
	}
	if _, err := cert.Leaf.Verify(x509.VerifyOptions{DNSName: "ethics.example", Roots: RootPool(other.Cert)}); err == nil {
		t.Error("a client trusting another root accepted the server")
	}
	if !cert.Leaf.NotAfter.Before(now.Add(31 * 24 * time.Hour)) {
		t.Errorf("the server certificate lasts until %s; it should be short-lived", cert.Leaf.NotAfter)
	}
	if _, err := IssueServer(&Authority{Cert: root.Cert}, []string{"x"}, now); err == nil {
		t.Error("a certificate was issued without the root's key")
	}
}

// The server's certificate lasts 30 days from its start (a server left
// running for weeks keeps being trusted), and never beyond its root.
func TestServerCertificateLastsThirtyDays(t *testing.T) {
	now := time.Now().Truncate(time.Second)
	root, err := NewRoot("Committee Root CA", "Committee", now)
	if err != nil {
		t.Fatal(err)
	}
	c, err := IssueServer(root, []string{"localhost"}, now)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Leaf.NotAfter.Sub(now); got != 30*24*time.Hour {
		t.Errorf("the server's certificate lasts %v, want 30 days", got)
	}
}

package signing

import (
	"bytes"
	"crypto/x509"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
	"time"
)

// The committee's root is a certificate authority that may sign member
// certificates and nothing below them, valid 20 years from a few minutes
// ago (another laptop's clock may be behind), named as asked.
func TestNewRootIsACommitteeAuthority(t *testing.T) {
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	if _, err := NewRoot("", "Committee", now); err == nil || !strings.Contains(err.Error(), "needs a name") {
		t.Fatalf("a root without a name: %v", err)
	}
	root, err := NewRoot("Ethics Committee Root CA", "Shenzhen AI Ethics Committee", now)
	if err != nil {
		t.Fatal(err)
	}
	c := root.Cert
	if !c.IsCA || !c.BasicConstraintsValid || c.MaxPathLen != 0 || !c.MaxPathLenZero || c.KeyUsage&x509.KeyUsageCertSign == 0 {
		t.Errorf("the root is not a CA limited to member certificates: CA %v, path %d/%v, usage %b", c.IsCA, c.MaxPathLen, c.MaxPathLenZero, c.KeyUsage)
	}
	if !c.NotBefore.Equal(now.Add(-5*time.Minute)) || !c.NotAfter.Equal(now.Add(20*365*24*time.Hour)) {
		t.Errorf("the root is valid from %v to %v", c.NotBefore, c.NotAfter)
	}
	if c.Subject.CommonName != "Ethics Committee Root CA" || len(c.Subject.Organization) != 1 || c.Subject.Organization[0] != "Shenzhen AI Ethics Committee" {
		t.Errorf("the root is named %v", c.Subject)
	}
	if err := c.CheckSignatureFrom(c); err != nil {
		t.Errorf("the root is not self-signed: %v", err)
	}
	bare, err := NewRoot("Committee", "", now)
	if err != nil || len(bare.Cert.Subject.Organization) != 0 {
		t.Fatalf("a root without an organisation: %v %v", bare, err)
	}
}

// A member's certificate is issued by the root for document signing, with
// the role where verifiers show it, valid five years but never beyond the
// root; it chains to the root and to no other.
func TestIssueMemberCertificate(t *testing.T) {
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	root, err := NewRoot("Ethics Committee Root CA", "Shenzhen AI Ethics Committee", now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := IssueMember(nil, "Li Wei", "Rapporteur", "", now); err == nil || !strings.Contains(err.Error(), "no committee root") {
		t.Errorf("issued without a root: %v", err)
	}
	if _, err := IssueMember(&Authority{Cert: root.Cert}, "Li Wei", "Rapporteur", "", now); err == nil {
		t.Error("issued with a root whose key is missing")
	}
	if _, err := IssueMember(root, "", "Rapporteur", "", now); err == nil || !strings.Contains(err.Error(), "needs a name") {
		t.Errorf("issued without a name: %v", err)
	}
	id, err := IssueMember(root, "Li Wei", "Rapporteur", "li.wei@example.org", now)
	if err != nil {
		t.Fatal(err)
	}
	c := id.Cert
	if c.IsCA || c.KeyUsage != x509.KeyUsageDigitalSignature|x509.KeyUsageContentCommitment {
		t.Errorf("the member's certificate: CA %v, usage %b", c.IsCA, c.KeyUsage)
	}
	if RoleOf(c) != "Rapporteur" || len(c.Subject.OrganizationalUnit) != 1 || c.Subject.OrganizationalUnit[0] != "Rapporteur" {
		t.Errorf("the role: %q, units %v", RoleOf(c), c.Subject.OrganizationalUnit)
	}
	if c.Subject.CommonName != "Li Wei" || len(c.Subject.Organization) != 1 || c.Subject.Organization[0] != "Shenzhen AI Ethics Committee" ||
		len(c.EmailAddresses) != 1 || c.EmailAddresses[0] != "li.wei@example.org" {
		t.Errorf("the subject: %v %v", c.Subject, c.EmailAddresses)
	}
	if !c.NotBefore.Equal(now.Add(-5*time.Minute)) || !c.NotAfter.Equal(now.Add(5*365*24*time.Hour)) {
		t.Errorf("valid from %v to %v", c.NotBefore, c.NotAfter)
	}
	if len(id.Chain) != 1 || !id.Chain[0].Equal(root.Cert) {
		t.Errorf("the chain: %v", id.Chain)
	}
	opts := x509.VerifyOptions{Roots: RootPool(root.Cert, nil), CurrentTime: now, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}}
	if _, err := c.Verify(opts); err != nil {
		t.Errorf("the member's certificate does not chain to the root: %v", err)
	}
	other, _ := NewRoot("Elsewhere", "", now)
	opts.Roots = RootPool(other.Cert)
	if _, err := c.Verify(opts); err == nil {
		t.Error("the member's certificate chains to another root")
	}

	// Near the end of the root's life the member's certificate ends with it.
	late := root.Cert.NotAfter.Add(-24 * time.Hour)
	short, err := IssueMember(root, "Chen Jie", "", "", late)
	if err != nil {
		t.Fatal(err)
	}
	if !short.Cert.NotAfter.Equal(root.Cert.NotAfter) {
		t.Errorf("issued a day before the root ends, valid until %v (root %v)", short.Cert.NotAfter, root.Cert.NotAfter)
	}
	if RoleOf(short.Cert) != "" || len(short.Cert.EmailAddresses) != 0 {
		t.Errorf("no role and no e-mail asked, got %q %v", RoleOf(short.Cert), short.Cert.EmailAddresses)
	}
}

// RoleOf reads the Title, else the first organisational unit.
func TestRoleOf(t *testing.T) {
	if RoleOf(nil) != "" {
		t.Error("a missing certificate has a role")
	}
	c := &x509.Certificate{}
	c.Subject.OrganizationalUnit = []string{"Member", "Panel"}
	if got := RoleOf(c); got != "Member" {
		t.Errorf("role from the unit: %q", got)
	}
}

// A certificate saved as PEM reads back the same, and so does its DER;
// anything else is refused with a sentence.
func TestCertificatePEMRoundTrip(t *testing.T) {
	fx := newFixture(t)
	pemText := CertificatePEM(fx.root.Cert)
	if !bytes.HasPrefix(pemText, []byte("-----BEGIN CERTIFICATE-----\n")) {
		t.Fatalf("not PEM: %q", pemText)
	}
	for _, in := range [][]byte{pemText, fx.root.Cert.Raw} {
		c, err := ParseCertificatePEM(in)
		if err != nil || !c.Equal(fx.root.Cert) {
			t.Fatalf("read back %v %v", c, err)
		}
	}
	if _, err := ParseCertificatePEM([]byte("not a certificate")); err == nil || !strings.Contains(err.Error(), "could not be read") {
		t.Fatalf("garbage: %v", err)
	}
}

// Sealing refuses what it cannot protect, and opening refuses a sealed
// key whose header was changed: settings outside the limits (so a
// tampered file cannot make argon2 take gigabytes or minutes), a newer
// format, or settings within the limits (the header is authenticated, so
// that reads as a wrong password).
func TestSealedKeyHeaderIsChecked(t *testing.T) {
	fx := newFixture(t)
	const pass = "correct horse battery staple"
	if _, err := SealKey(nil, pass); err == nil || !strings.Contains(err.Error(), "no key") {
		t.Errorf("sealing no key: %v", err)
	}
	if _, err := SealKey(fx.rapporteur.Key, ""); err == nil || !strings.Contains(err.Error(), "password is needed") {
		t.Errorf("sealing without a password: %v", err)
	}
	sealed, err := SealKey(fx.rapporteur.Key, pass)
	if err != nil {
		t.Fatal(err)
	}
	if len(sealed) < sealHeaderLen || string(sealed[:4]) != "EDSK" || sealed[4] != 1 ||
		binary.BigEndian.Uint32(sealed[5:9]) != 3 || binary.BigEndian.Uint32(sealed[9:13]) != 64*1024 || sealed[13] != 4 {
		t.Fatalf("the header %x is not EDSK v1 with argon2id 3 passes, 64 MiB, 4 threads", sealed[:14])
	}
	changed := func(f func(b []byte)) []byte {
		b := append([]byte(nil), sealed...)
		f(b)
		return b
	}
	for _, c := range []struct {
		name string
		blob []byte
		want string
	}{
		{"newer format", changed(func(b []byte) { b[4] = 2 }), "newer version"},
		{"no passes", changed(func(b []byte) { binary.BigEndian.PutUint32(b[5:9], 0) }), "unsupported protection"},
		{"21 passes", changed(func(b []byte) { binary.BigEndian.PutUint32(b[5:9], 21) }), "unsupported protection"},
		{"memory over 1 GiB", changed(func(b []byte) { binary.BigEndian.PutUint32(b[9:13], 1024*1024+1) }), "unsupported protection"},
		{"memory under 8 KiB a thread", changed(func(b []byte) { binary.BigEndian.PutUint32(b[9:13], 31) }), "unsupported protection"},
		{"no threads", changed(func(b []byte) { b[13] = 0 }), "unsupported protection"},
		{"not a sealed key", changed(func(b []byte) { b[0] = 'X' }), "damaged or is not a protected key"},
		{"cut short", sealed[:sealHeaderLen+15], "damaged or is not a protected key"},
	} {
		if _, err := OpenKey(c.blob, pass); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	// Within the limits, a changed setting is caught by the authentication.
	for _, blob := range [][]byte{
		changed(func(b []byte) { binary.BigEndian.PutUint32(b[5:9], 1) }),
		changed(func(b []byte) { b[20] ^= 1 }), // the salt
	} {
		if _, err := OpenKey(blob, pass); !errors.Is(err, ErrWrongPassword) {
			t.Errorf("a changed header opened or gave %v", err)
		}
	}
	// The limits themselves are accepted: 20 passes, 32 KiB for 4 threads.
	edge := changed(func(b []byte) { binary.BigEndian.PutUint32(b[5:9], 20); binary.BigEndian.PutUint32(b[9:13], 32) })
	if _, err := OpenKey(edge, pass); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("settings at the limits: %v, want a wrong-password answer", err)
	}
}

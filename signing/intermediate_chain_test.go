package signing

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"testing"
	"time"
)

// caCert makes a CA certificate named name for key, signed by parent
// (self-signed when parent is nil), with no path length limit.
func caCert(t *testing.T, name string, key *ecdsa.PrivateKey, parent *x509.Certificate, parentKey crypto.Signer) *x509.Certificate {
	t.Helper()
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{CommonName: name},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	if parent == nil {
		parent, parentKey = tmpl, key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, key.Public(), parentKey)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Another committee's root given with --trust may issue its members'
// certificates through an intermediate authority: the signer chains to
// that root through the certificates the signature carries.
func TestASignerIssuedByAnIntermediateChainsToTheTrustedRoot(t *testing.T) {
	fx := newFixture(t)
	rootKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	interKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	root := caCert(t, "Other Committee Root", rootKey, nil, nil)
	inter := caCert(t, "Other Committee Issuing CA", interKey, root, rootKey)
	member, err := IssueMember(&Authority{Cert: inter, Key: interKey}, "Zhao Min", "Chair", "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	member.Chain = []*x509.Certificate{inter, root}
	r, err := Verify(mustSign(t, fx.unsigned, member, "Chair — approval", "Chair"), RootPool(root))
	if err != nil {
		t.Fatal(err)
	}
	if r.Verdict() != Verified || !r.Signatures[0].ChainsToRoot {
		t.Errorf("a signer under an intermediate: verdict %d\n%s", r.Verdict(), r)
	}
}

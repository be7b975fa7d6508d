package signing

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"testing"
	"time"

	"software.sslmate.com/src/go-pkcs12"
)

// An institution's .p12 may list its CA certificates in any order, and
// may carry one that only looks like an issuer (the same name, another
// key). The signing key file made from it lists the member's certificate,
// then its issuers in issuing order, then whatever else the .p12 held.
func TestASigningKeyFileListsTheIssuersInIssuingOrder(t *testing.T) {
	newKey := func() *ecdsa.PrivateKey {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	rootKey, interKey, otherKey := newKey(), newKey(), newKey()
	root := caCert(t, "University Root CA", rootKey, nil, nil)
	inter := caCert(t, "University Issuing CA", interKey, root, rootKey)
	lookalike := caCert(t, "University Issuing CA", otherKey, root, rootKey)
	member, err := IssueMember(&Authority{Cert: inter, Key: interKey}, "Zhao Min", "Chair", "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	p12, err := pkcs12.Modern.Encode(member.Key, member.Cert, []*x509.Certificate{root, lookalike, inter}, "p12 password")
	if err != nil {
		t.Fatal(err)
	}
	k, err := LaptopKeyFromPKCS12(p12, "p12 password", "laptop password")
	if err != nil {
		t.Fatal(err)
	}
	want := []*x509.Certificate{member.Cert, inter, root, lookalike}
	names := []string{"the member's", "the issuing CA's", "the root's", "the look-alike's"}
	var got []*x509.Certificate
	for rest := k.Marshal(); ; {
		var b *pem.Block
		if b, rest = pem.Decode(rest); b == nil {
			break
		}
		if b.Type == "CERTIFICATE" {
			c, err := x509.ParseCertificate(b.Bytes)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, c)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("the key file holds %d certificates, want %d", len(got), len(want))
	}
	for i := range want {
		if !got[i].Equal(want[i]) {
			t.Errorf("certificate %d of the key file is not %s certificate", i+1, names[i])
		}
	}
}

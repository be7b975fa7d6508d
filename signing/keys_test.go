package signing

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"software.sslmate.com/src/go-pkcs12"
)

func TestSealKeyRoundTripAndWrongPassword(t *testing.T) {
	fx := newFixture(t)
	sealed, err := SealKey(fx.rapporteur.Key, "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := x509.MarshalPKCS8PrivateKey(fx.rapporteur.Key)
	d := fx.rapporteur.Key.(*ecdsa.PrivateKey).D.Bytes()
	if bytes.Contains(sealed, raw) || bytes.Contains(sealed, d) {
		t.Fatal("the sealed key contains the private key in the clear")
	}
	if _, err := OpenKey(sealed, "wrong password"); !errors.Is(err, ErrWrongPassword) {
		t.Fatalf("wrong password: got %v, want ErrWrongPassword", err)
	}
	k, err := OpenKey(sealed, "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !k.(*ecdsa.PrivateKey).Equal(fx.rapporteur.Key) {
		t.Fatal("the opened key differs from the sealed one")
	}
	again, _ := SealKey(fx.rapporteur.Key, "correct horse battery staple")
	if bytes.Equal(again, sealed) {
		t.Error("two seals of one key are identical: the salt is not random")
	}
	tampered := append([]byte(nil), sealed...)
	tampered[len(tampered)-1] ^= 1
	if _, err := OpenKey(tampered, "correct horse battery staple"); err == nil {
		t.Error("a tampered sealed key opened")
	}
	if _, err := OpenKey([]byte("garbage"), "x"); err == nil || errors.Is(err, ErrWrongPassword) {
		t.Errorf("garbage: %v", err)
	}
}

func TestImportPKCS12RoundTrip(t *testing.T) {
	fx := newFixture(t)
	p12, err := pkcs12.Modern.Encode(fx.chair.Key, fx.chair.Cert, fx.chair.Chain, "p12 password")
	if err != nil {
		t.Fatal(err)
	}
	id, err := ImportPKCS12(p12, "p12 password")
	if err != nil {
		t.Fatal(err)
	}
	if !id.Cert.Equal(fx.chair.Cert) || len(id.Chain) != 1 || !id.Chain[0].Equal(fx.root.Cert) {
		t.Fatal("the imported identity differs from the exported one")
	}
	if _, err := ImportPKCS12(p12, "nope"); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("wrong password: got %v", err)
	}
	if _, err := ImportPKCS12([]byte("%PDF-1.7 not a p12"), "x"); err == nil || !strings.Contains(err.Error(), "not a PKCS#12") {
		t.Errorf("not a p12: got %v", err)
	}
}

// An institutional RSA certificate imported from PKCS#12 signs a document
// that both our verifier and pdfsig accept.
func TestRSAIdentityFromPKCS12Signs(t *testing.T) {
	fx := newFixture(t)
	caKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	now := time.Now()
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "University CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign}
	caDER, _ := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, caKey.Public(), caKey)
	ca, _ := x509.ParseCertificate(caDER)
	key, _ := rsa.GenerateKey(rand.Reader, 2048)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "Prof. Zhang", OrganizationalUnit: []string{"Member"}},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour), KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection}}
	der, _ := x509.CreateCertificate(rand.Reader, tmpl, ca, key.Public(), caKey)
	cert, _ := x509.ParseCertificate(der)
	p12, err := pkcs12.Modern.Encode(key, cert, []*x509.Certificate{ca}, "pw")
	if err != nil {
		t.Fatal(err)
	}
	id, err := ImportPKCS12(p12, "pw")
	if err != nil {
		t.Fatal(err)
	}
	signed, err := SignPDF(fx.unsigned, id, SignatureInfo{Reason: "Member — review"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Verify(signed, RootPool(ca))
	if err != nil || !r.OK() || !r.Signatures[0].ChainsToRoot || r.Signatures[0].SignerRole != "Member" {
		t.Fatalf("RSA signature: err=%v\n%s", err, r)
	}
	out := pdfsig(t, signed)
	if !strings.Contains(out, "Signature is Valid.") || !strings.Contains(out, "Prof. Zhang") {
		t.Errorf("pdfsig on an RSA signature:\n%s", out)
	}
}

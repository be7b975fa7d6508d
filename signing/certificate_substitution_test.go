package signing

import (
	"crypto/rand"
	"crypto/x509"
	"encoding/asn1"
	"strings"
	"testing"
)

// withSignerCertificate returns cms with its embedded certificates
// replaced by cert and chain; the signed attributes and the signature stay.
func withSignerCertificate(t *testing.T, cms []byte, cert *x509.Certificate, chain []*x509.Certificate) []byte {
	t.Helper()
	var ci cmsContentInfo
	if _, err := asn1.Unmarshal(cms, &ci); err != nil {
		t.Fatal(err)
	}
	var sd cmsSignedData
	if _, err := asn1.Unmarshal(ci.Content.Bytes, &sd); err != nil {
		t.Fatal(err)
	}
	raw := append([]byte(nil), cert.Raw...)
	for _, c := range chain {
		raw = append(raw, c.Raw...)
	}
	sd.Certificates = asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: raw}
	inner, err := asn1.Marshal(sd)
	if err != nil {
		t.Fatal(err)
	}
	out, err := asn1.Marshal(cmsContentInfo{ContentType: ci.ContentType,
		Content: asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: inner}})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A signature names, in its signed attributes, the certificate it was made
// with (ESS signing-certificate-v2, hash algorithm left at its SHA-256
// default). Swapping in another certificate for the same key — same
// issuer and serial number, another name and role — is refused: the
// rapporteur's signature cannot be passed off as the chair's.
func TestASubstitutedSignerCertificateIsRefused(t *testing.T) {
	fx := newFixture(t)
	relabelled := *fx.rapporteur.Cert
	relabelled.Subject.CommonName = "Maria Chen"
	relabelled.Subject.ExtraNames = nil
	der, err := x509.CreateCertificate(rand.Reader, &relabelled, fx.root.Cert, fx.rapporteur.Cert.PublicKey, fx.root.Key)
	if err != nil {
		t.Fatal(err)
	}
	other, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	p, err := PreparePDF(fx.unsigned, fx.rapporteur.Cert, fx.rapporteur.Chain, SignatureInfo{Reason: "Chair — approval", FieldName: "Chair"})
	if err != nil {
		t.Fatal(err)
	}
	cms, err := SignPrepared(p, fx.rapporteur)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		cert  *x509.Certificate
		valid bool
	}{{"the certificate it was made with", fx.rapporteur.Cert, true}, {"another certificate for the same key", other, false}} {
		signed, err := Embed(p, withSignerCertificate(t, cms, c.cert, fx.rapporteur.Chain))
		if err != nil {
			t.Fatal(err)
		}
		r := verifyAgainstCommittee(t, fx, signed)
		if len(r.Signatures) != 1 || r.Signatures[0].Valid != c.valid {
			t.Fatalf("%s: want valid=%v:\n%s", c.name, c.valid, r)
		}
		if !c.valid && !strings.Contains(r.Signatures[0].Problem, "names a different certificate than the one it carries") {
			t.Errorf("%s: the problem does not say the certificate was swapped: %q", c.name, r.Signatures[0].Problem)
		}
	}
}

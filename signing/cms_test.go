package signing

import (
	"encoding/asn1"
	"strings"
	"testing"

	"github.com/smallstep/pkcs7"
)

// namingCertificate signs like another CAdES tool, with a signed
// signing-certificate-v2 attribute that names named (its hash algorithm
// left out, which means SHA-256) while the CMS carries id's certificate.
func namingCertificate(id *Identity, named *Identity) func(signed []byte) ([]byte, error) {
	return func(signed []byte) ([]byte, error) {
		ess, err := signingCertificateV2Attr(named.Cert)
		if err != nil {
			return nil, err
		}
		sd, err := pkcs7.NewSignedData(signed)
		if err != nil {
			return nil, err
		}
		sd.SetDigestAlgorithm(pkcs7.OIDDigestAlgorithmSHA256)
		attr := pkcs7.Attribute{Type: oidSigningCertificateV2, Value: ess}
		if err := sd.AddSignerChain(id.Cert, id.Key, id.Chain, pkcs7.SignerInfoConfig{ExtraSignedAttributes: []pkcs7.Attribute{attr}}); err != nil {
			return nil, err
		}
		sd.Detach()
		return sd.Finish()
	}
}

// A CAdES signature binds its certificate through the signed
// signing-certificate-v2 attribute: one that names another certificate than
// the one it carries (a certificate swapped in after signing) is reported,
// and one that names its own is valid.
func TestASignatureNamingAnotherCertificateIsReported(t *testing.T) {
	fx := newFixture(t)
	roots := RootPool(fx.root.Cert)
	own := foreignSignedPDFWith(t, "ETSI.CAdES.detached", namingCertificate(fx.rapporteur, fx.rapporteur))
	r, err := Verify(own, roots)
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() {
		t.Fatalf("a CAdES signature naming its own certificate is not valid:\n%s", r)
	}
	var v signingCertificateV2Raw
	if _, err := asn1.Unmarshal(mustESS(t, fx.rapporteur), &v); err != nil || len(v.Certs) != 1 {
		t.Fatalf("the attribute does not parse: %v", err)
	}
	var id essCertIDv2Raw
	if _, err := asn1.Unmarshal(v.Certs[0].FullBytes, &id); err != nil || len(id.HashAlgorithm.Algorithm) != 0 {
		t.Fatalf("the attribute names its hash algorithm (%v), so the test does not check the default", id.HashAlgorithm.Algorithm)
	}

	swapped := foreignSignedPDFWith(t, "ETSI.CAdES.detached", namingCertificate(fx.rapporteur, fx.chair))
	if r, err = Verify(swapped, roots); err != nil {
		t.Fatal(err)
	}
	if r.OK() || !strings.Contains(r.Signatures[0].Problem, "names a different certificate than the one it carries") {
		t.Fatalf("a signature naming another certificate than its own is not reported:\n%s", r)
	}
}

func mustESS(t *testing.T, id *Identity) []byte {
	t.Helper()
	v, err := signingCertificateV2Attr(id.Cert)
	if err != nil {
		t.Fatal(err)
	}
	return v.FullBytes
}

package signing

import (
	"bytes"
	"crypto/sha256"
	"encoding/asn1"
	"encoding/hex"
	"sort"
	"strings"
	"testing"

	"github.com/smallstep/pkcs7"
)

// A freshly signed opinion is a PAdES baseline B-B signature (ETSI EN
// 319 142-1, 5.3 and 6.3): checked here item by item on the CMS itself.
func TestSignatureIsPAdESBaselineBB(t *testing.T) {
	fx := newFixture(t)
	r, err := Verify(fx.twice, RootPool(fx.root.Cert))
	if err != nil || !r.OK() {
		t.Fatalf("the fixture does not verify: %v\n%s", err, r)
	}
	for i, s := range r.Signatures {
		br := s.ByteRange
		gap := fx.twice[br[1]:br[2]]
		der := trimDER(mustUnhex(t, gap[1:len(gap)-1]))
		p7, err := pkcs7.Parse(der)
		if err != nil {
			t.Fatal(err)
		}
		// SubFilter ETSI.CAdES.detached, with the time in /M.
		if s.SubFilter != "ETSI.CAdES.detached" {
			t.Errorf("signature %d: SubFilter %q", i+1, s.SubFilter)
		}
		dict := fx.twice[bytes.LastIndex(fx.twice[:br[1]], []byte(" obj")) : br[2]+400]
		if !bytes.Contains(dict, []byte("/M (D:")) || s.SigningTime.IsZero() {
			t.Errorf("signature %d: no signing time in /M", i+1)
		}
		// Detached: no content inside the CMS.
		if len(p7.Content) != 0 {
			t.Errorf("signature %d: the CMS embeds %d bytes of content", i+1, len(p7.Content))
		}
		if len(p7.Signers) != 1 {
			t.Fatalf("signature %d: %d signer infos", i+1, len(p7.Signers))
		}
		si := p7.Signers[0]
		if !si.DigestAlgorithm.Algorithm.Equal(pkcs7.OIDDigestAlgorithmSHA256) {
			t.Errorf("signature %d: digest %v, want SHA-256", i+1, si.DigestAlgorithm.Algorithm)
		}
		// Exactly the three signed attributes B-B asks for, no signing-time.
		var oids []string
		for _, a := range si.AuthenticatedAttributes {
			oids = append(oids, a.Type.String())
		}
		want := []string{pkcs7.OIDAttributeContentType.String(), pkcs7.OIDAttributeMessageDigest.String(), oidSigningCertificateV2.String()}
		if strings.Join(sorted(oids), " ") != strings.Join(sorted(want), " ") {
			t.Errorf("signature %d: signed attributes %v, want exactly %v (content-type, message-digest, signing-certificate-v2)", i+1, oids, want)
		}
		var ct asn1.ObjectIdentifier
		if err := p7.UnmarshalSignedAttribute(pkcs7.OIDAttributeContentType, &ct); err != nil || !ct.Equal(pkcs7.OIDData) {
			t.Errorf("signature %d: content-type %v (%v), want id-data", i+1, ct, err)
		}
		var md []byte
		sum := sha256.New()
		sum.Write(fx.twice[:br[1]])
		sum.Write(fx.twice[br[2] : br[2]+br[3]])
		if err := p7.UnmarshalSignedAttribute(pkcs7.OIDAttributeMessageDigest, &md); err != nil || !bytes.Equal(md, sum.Sum(nil)) {
			t.Errorf("signature %d: message-digest is not the SHA-256 of the signed ranges", i+1)
		}
		if present, err := checkSigningCertificateV2(p7, s.Certificate); !present || err != nil {
			t.Errorf("signature %d: signing-certificate-v2 present=%v: %v", i+1, present, err)
		}
		// The chain up to the root travels with the signature.
		if len(p7.Certificates) < 2 {
			t.Errorf("signature %d: %d certificates embedded, want the signer's and the root", i+1, len(p7.Certificates))
		}
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

func mustUnhex(t *testing.T, h []byte) []byte {
	t.Helper()
	out, err := hex.DecodeString(string(h))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

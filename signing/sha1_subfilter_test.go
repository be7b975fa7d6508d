package signing

import (
	"bytes"
	"crypto/sha1"
	"strings"
	"testing"

	"github.com/smallstep/pkcs7"
)

// sha1SubFilterCMS is the CMS of an adbe.pkcs7.sha1 signature as older
// tools make it: the SHA-1 of the signed ranges is the embedded content,
// and the signature covers that.
func sha1SubFilterCMS(id *Identity) func(signed []byte) ([]byte, error) {
	return func(signed []byte) ([]byte, error) {
		sum := sha1.Sum(signed)
		sd, err := pkcs7.NewSignedData(sum[:])
		if err != nil {
			return nil, err
		}
		sd.SetDigestAlgorithm(pkcs7.OIDDigestAlgorithmSHA1)
		if err := sd.AddSigner(id.Cert, id.Key, pkcs7.SignerInfoConfig{}); err != nil {
			return nil, err
		}
		return sd.Finish()
	}
}

// An adbe.pkcs7.sha1 signature verifies while the document is as signed,
// and reports a change once any signed byte differs, although its CMS
// (which signs only the embedded SHA-1) is still intact in itself.
func TestSHA1SubFilterComparesTheDocumentDigest(t *testing.T) {
	fx := newFixture(t)
	doc := foreignSignedPDFWith(t, "adbe.pkcs7.sha1", sha1SubFilterCMS(fx.rapporteur))
	if out := pdfsig(t, doc); !strings.Contains(out, "Signature is Valid.") {
		t.Fatalf("pdfsig does not find the hand-made adbe.pkcs7.sha1 PDF valid, so the test is wrong:\n%s", out)
	}
	r, err := Verify(doc, RootPool(fx.root.Cert))
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() || len(r.Signatures) != 1 || r.Signatures[0].SubFilter != "adbe.pkcs7.sha1" {
		t.Fatalf("an intact adbe.pkcs7.sha1 signature does not verify:\n%s", r)
	}
	// Change one signed byte: the page's width, 612 → 613.
	i := bytes.Index(doc, []byte("MediaBox[0 0 612 792]"))
	if i < 0 {
		t.Fatal("the test PDF has no MediaBox to change")
	}
	changed := append([]byte{}, doc...)
	changed[i+len("MediaBox[0 0 61")] = '3'
	r, err = Verify(changed, RootPool(fx.root.Cert))
	if err != nil {
		t.Fatal(err)
	}
	if r.OK() || r.Signatures[0].Valid || !strings.Contains(r.Signatures[0].Problem, "changed after this signature") {
		t.Fatalf("a changed document passes its adbe.pkcs7.sha1 signature:\n%s", r)
	}
}

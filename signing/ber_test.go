package signing

import (
	"bytes"
	"crypto/sha1"
	"crypto/x509"
	"encoding/asn1"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smallstep/pkcs7"

	"ethicsdesk/internal/attackpdf"
)

// berCMSByOpenSSL is the CMS of an adbe.pkcs7.sha1 signature (the SHA-1
// of the signed ranges, embedded and signed) made by openssl with -stream,
// which writes every constructed element with an indefinite length (BER,
// as older signing tools do), not DER.
func berCMSByOpenSSL(t *testing.T, id *Identity) func(signed []byte) ([]byte, error) {
	t.Helper()
	bin, err := exec.LookPath("openssl")
	if err != nil {
		t.Fatal("openssl is not installed: run scripts/install-deps.sh")
	}
	dir := t.TempDir()
	key, err := x509.MarshalPKCS8PrivateKey(id.Key)
	if err != nil {
		t.Fatal(err)
	}
	var chain bytes.Buffer
	for _, c := range id.Chain {
		pem.Encode(&chain, &pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})
	}
	for name, data := range map[string][]byte{
		"key.pem":   pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: key}),
		"cert.pem":  pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: id.Cert.Raw}),
		"chain.pem": chain.Bytes(),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return func(signed []byte) ([]byte, error) {
		in := filepath.Join(dir, "digest.bin")
		sum := sha1.Sum(signed)
		if err := os.WriteFile(in, sum[:], 0o600); err != nil {
			return nil, err
		}
		cmd := exec.Command(bin, "cms", "-sign", "-binary", "-nodetach", "-stream", "-md", "sha1", "-outform", "DER",
			"-in", in, "-signer", filepath.Join(dir, "cert.pem"), "-inkey", filepath.Join(dir, "key.pem"),
			"-certfile", filepath.Join(dir, "chain.pem"))
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Run(); err != nil {
			t.Fatalf("openssl cms -sign: %v\n%s", err, errOut.String())
		}
		return out.Bytes(), nil
	}
}

// A signature from a tool that writes its CMS in BER with indefinite
// lengths (openssl -stream) is valid, as pdfsig also says, and reports a
// change once a signed byte differs.
func TestABERSignatureFromAnotherToolIsValid(t *testing.T) {
	fx := newFixture(t)
	var cms []byte
	makeCMS := berCMSByOpenSSL(t, fx.rapporteur)
	doc := foreignSignedPDFWith(t, "adbe.pkcs7.sha1", func(signed []byte) ([]byte, error) {
		var err error
		cms, err = makeCMS(signed)
		return cms, err
	})
	if !bytes.HasPrefix(cms, []byte{0x30, 0x80}) || !bytes.HasSuffix(cms, []byte{0, 0, 0, 0}) {
		t.Fatalf("openssl did not write indefinite lengths, so the test checks nothing: % x…", cms[:8])
	}
	if out := pdfsigOrFail(t, doc); !strings.Contains(out, "Signature is Valid.") {
		t.Fatalf("pdfsig does not find the openssl-made signature valid, so the test is wrong:\n%s", out)
	}
	r, err := Verify(doc, RootPool(fx.root.Cert))
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() || len(r.Signatures) != 1 || r.Signatures[0].SignerName != "Li Wei" {
		t.Fatalf("a valid BER-encoded signature is not verified:\n%s", r)
	}
	i := bytes.Index(doc, []byte("MediaBox[0 0 612 792]"))
	changed := append([]byte{}, doc...)
	changed[i+len("MediaBox[0 0 61")] = '3'
	if r, err = Verify(changed, RootPool(fx.root.Cert)); err != nil {
		t.Fatal(err)
	}
	if r.OK() || !strings.Contains(r.Signatures[0].Problem, "changed after this signature") {
		t.Fatalf("a changed document passes its BER-encoded signature:\n%s", r)
	}
}

// A BER signature cut short at any byte is reported as malformed CMS, with
// the reason, and never read past its end.
func TestABERSignatureCutShortIsReportedAsMalformed(t *testing.T) {
	fx := newFixture(t)
	var cms []byte
	makeCMS := berCMSByOpenSSL(t, fx.rapporteur)
	foreignSignedPDFWith(t, "adbe.pkcs7.sha1", func(signed []byte) ([]byte, error) {
		var err error
		cms, err = makeCMS(signed)
		return cms, err
	})
	roots := RootPool(fx.root.Cert)
	// A tag number in the high-tag form (0x1f, then base-128 digits) cut
	// in its digits, or right after it.
	cuts := [][]byte{{0x30, 0x80, 0xbf, 0x81}, {0x30, 0x80, 0xbf, 0x81, 0x01}}
	for n := 2; n < len(cms); n++ {
		cuts = append(cuts, cms[:n])
	}
	for _, cut := range cuts {
		r, err := Verify(attackpdf.SignatureWithContents(fx.unsigned, cut), roots)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Signatures) != 1 {
			t.Fatalf("cut after %d bytes: %d signatures found", len(cut), len(r.Signatures))
		}
		if p := r.Signatures[0].Problem; !strings.HasPrefix(p, "The signature data (CMS) is malformed: ") {
			t.Fatalf("a CMS cut after %d of %d bytes (…% x) is reported as %q, not as malformed CMS with its reason",
				len(cut), len(cms), cut[max(0, len(cut)-4):], p)
		}
	}
}

// A length in the long form says which part is damaged: its own bytes cut
// off by the end of the data, or the content it announces.
func TestACutLengthIsToldFromACutContent(t *testing.T) {
	fx := newFixture(t)
	for _, c := range []struct {
		cms  []byte
		want string
	}{
		{[]byte{0x30, 0x80, 0x04, 0x82, 0x01}, "an element's length is malformed"},
		{[]byte{0x30, 0x80, 0x04, 0x82, 0x01, 0x00}, "an element runs past the end of the data"},
		{[]byte{0x30, 0x80, 0x04, 0x85, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00}, "an element's length is malformed"},
	} {
		r, err := Verify(attackpdf.SignatureWithContents(fx.unsigned, c.cms), RootPool(fx.root.Cert))
		if err != nil {
			t.Fatal(err)
		}
		if want := "The signature data (CMS) is malformed: " + c.want + "."; r.Signatures[0].Problem != want {
			t.Errorf("CMS % x: the problem reads %q, want %q", c.cms, r.Signatures[0].Problem, want)
		}
	}
}

// withUnsignedValue signs like another tool that adds an unsigned
// attribute (a time-stamp token, for example) to its SignerInfo; value is
// the attribute's value as encoded bytes.
func withUnsignedValue(id *Identity, value []byte) func(signed []byte) ([]byte, error) {
	return func(signed []byte) ([]byte, error) {
		sd, err := pkcs7.NewSignedData(signed)
		if err != nil {
			return nil, err
		}
		sd.SetDigestAlgorithm(pkcs7.OIDDigestAlgorithmSHA256)
		attr := pkcs7.Attribute{Type: asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 14}, Value: asn1.RawValue{FullBytes: value}}
		if err := sd.AddSignerChain(id.Cert, id.Key, id.Chain, pkcs7.SignerInfoConfig{ExtraUnsignedAttributes: []pkcs7.Attribute{attr}}); err != nil {
			return nil, err
		}
		sd.Detach()
		return sd.Finish()
	}
}

// nested is depth SEQUENCEs one inside the other around a NULL, with
// definite or indefinite lengths.
func nested(depth int, indefinite bool) []byte {
	v := []byte{0x05, 0x00}
	for i := 0; i < depth; i++ {
		if indefinite {
			v = append(append([]byte{0x30, 0x80}, v...), 0, 0)
			continue
		}
		v = append([]byte{0x30, byte(len(v))}, v...)
	}
	return v
}

// The nesting limit applies wherever the nesting is: a signature whose
// unsigned attribute nests to exactly the limit (32 levels from the
// outside, as deep as a signature carrying a time-stamp token with room to
// spare) is valid, one level more is refused, in BER and in DER.
func TestNestingIsLimitedToThirtyTwoLevelsWhereverItIs(t *testing.T) {
	fx := newFixture(t)
	roots := RootPool(fx.root.Cert)
	// The value sits 8 levels down: ContentInfo, [0], SignedData, the SET
	// of SignerInfos, SignerInfo, [1] unsigned attributes, Attribute, and
	// its SET of values.
	const valueDepth = 8
	for _, indefinite := range []bool{false, true} {
		atLimit := foreignSignedPDFWith(t, "adbe.pkcs7.detached", withUnsignedValue(fx.rapporteur, nested(maxBERDepth-valueDepth, indefinite)))
		r, err := Verify(atLimit, roots)
		if err != nil {
			t.Fatal(err)
		}
		if !r.OK() {
			t.Errorf("indefinite=%v: a signature nested exactly %d levels deep is refused:\n%s", indefinite, maxBERDepth, r)
		}
		if indefinite {
			if out := pdfsigOrFail(t, atLimit); !strings.Contains(out, "Signature is Valid.") {
				t.Errorf("pdfsig does not find the signature nested to the limit valid, so the test is wrong:\n%s", out)
			}
		}
		past := foreignSignedPDFWith(t, "adbe.pkcs7.detached", withUnsignedValue(fx.rapporteur, nested(maxBERDepth-valueDepth+1, indefinite)))
		r, err = Verify(past, roots)
		if err != nil {
			t.Fatal(err)
		}
		if r.OK() || !strings.Contains(r.Signatures[0].Problem, "nested too deeply") {
			t.Errorf("indefinite=%v: a signature nested %d levels deep is not refused for its nesting:\n%s", indefinite, maxBERDepth+1, r)
		}
	}
}

// A tag number in the high-tag form (0x1f, then base-128 digits) is read
// as one tag whatever its number of digits up to six; one of seven digits
// or more is refused as too long.
func TestHighTagNumbersAreReadAndLongOnesRefused(t *testing.T) {
	fx := newFixture(t)
	roots := RootPool(fx.root.Cert)
	// [APPLICATION 1000] (two digits), [PRIVATE 268435456] (five) and a
	// context tag of six digits, each holding nothing or a NULL, in a
	// SEQUENCE.
	value := []byte{0x30, 0x15, 0x7f, 0x87, 0x68, 0x02, 0x05, 0x00, 0xff, 0x81, 0x80, 0x80, 0x80, 0x00, 0x00,
		0xbf, 0x81, 0x80, 0x80, 0x80, 0x80, 0x00, 0x00}
	doc := foreignSignedPDFWith(t, "adbe.pkcs7.detached", withUnsignedValue(fx.rapporteur, value))
	r, err := Verify(doc, roots)
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() {
		t.Fatalf("a signature holding high tag numbers is refused:\n%s", r)
	}
	if out := pdfsigOrFail(t, doc); !strings.Contains(out, "Signature is Valid.") {
		t.Errorf("pdfsig does not find the signature with high tag numbers valid, so the test is wrong:\n%s", out)
	}

	for _, digits := range [][]byte{{0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, bytes.Repeat([]byte{0x81}, 2000)} {
		long := append([]byte{0x30, 0x80, 0x1f}, digits...)
		long = append(long, 0x00, 0x00, 0x00)
		r, err = Verify(attackpdf.SignatureWithContents(fx.unsigned, long), roots)
		if err != nil {
			t.Fatal(err)
		}
		if p := r.Signatures[0].Problem; !strings.Contains(p, "a tag number is too long") {
			t.Errorf("a tag number of %d digits is reported as %q", len(digits), p)
		}
	}
}

// pdfsigOrFail is pdfsig's output for data; a missing pdfsig fails the test.
func pdfsigOrFail(t *testing.T, data []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdfsig"); err != nil {
		t.Fatal("pdfsig is not installed: run scripts/install-deps.sh (poppler-utils)")
	}
	return pdfsig(t, data)
}

// oddPadding makes the zero padding after the CMS in /Contents an odd
// number of bytes (foreignSignedPDFWith keeps 8192 bytes of room), as it
// is whenever a tool's CMS has an odd length.
func oddPadding(makeCMS func(signed []byte) ([]byte, error)) func(signed []byte) ([]byte, error) {
	return func(signed []byte) ([]byte, error) {
		cms, err := makeCMS(signed)
		if err == nil && (8192-len(cms))%2 == 0 {
			cms = append(cms, 0)
		}
		return cms, err
	}
}

// The zero padding after the CMS is dropped where the CMS ends, measured
// from its outer lengths, definite (DER) or indefinite (BER): a
// signature is valid whatever the length of its padding.
func TestASignatureIsValidWhateverItsPadding(t *testing.T) {
	fx := newFixture(t)
	for _, c := range []struct {
		name, subFilter string
		makeCMS         func(signed []byte) ([]byte, error)
	}{
		{"DER", "ETSI.CAdES.detached", func(signed []byte) ([]byte, error) { return detachedCMS(signed, fx.rapporteur) }},
		{"BER", "adbe.pkcs7.sha1", berCMSByOpenSSL(t, fx.rapporteur)},
	} {
		doc := foreignSignedPDFWith(t, c.subFilter, oddPadding(c.makeCMS))
		r, err := Verify(doc, RootPool(fx.root.Cert))
		if err != nil {
			t.Fatal(err)
		}
		if !r.OK() {
			t.Errorf("%s: a signature with an odd number of padding bytes is not valid:\n%s", c.name, r)
		}
	}
}

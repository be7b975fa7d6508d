package signing

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/smallstep/pkcs7"

	"ethicsdesk/internal/attackpdf"
)

// Verify reads files up to MaxFileSize bytes and refuses larger ones.
func TestVerifyReadsFilesUpToTheSizeBound(t *testing.T) {
	data := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte(" "), MaxFileSize-9)...)
	if _, err := Verify(data, nil); err != nil {
		t.Errorf("a file of exactly %d bytes: %v", MaxFileSize, err)
	}
	if _, err := Verify(append(data, ' '), nil); err == nil || !strings.Contains(err.Error(), "larger than 50 MB") {
		t.Errorf("a file one byte larger: %v", err)
	}
}

// A signature value numbered 0 (a number PDF keeps for the free list, but
// a file may use) is still named by its field.
func TestASignatureObjectNumberedZeroIsNamedByItsField(t *testing.T) {
	fx := newFixture(t)
	doc := bytes.Replace(fx.once, []byte("\n13 0 obj"), []byte("\n 0 0 obj"), 1)
	doc = bytes.Replace(doc, []byte("/V 13 0 R"), []byte("/V  0 0 R"), 1)
	r := verifyAgainstCommittee(t, fx, doc)
	if len(r.Signatures) != 1 || r.Signatures[0].FieldName != "Rapporteur" {
		t.Errorf("the signature numbered 0 is not named by its field:\n%s", r)
	}
}

// A certification made by a later signature binds what follows it.
func TestACertificationBySecondSignatureIsEnforced(t *testing.T) {
	fx := newFixture(t)
	certified, err := SignPDF(fx.once, fx.chair, SignatureInfo{Reason: "Chair — approval", FieldName: "Chair", Certify: 1})
	if err != nil {
		t.Fatal(err)
	}
	changed, err := attackpdf.AppendOverlay(certified, "Complaint NOT upheld")
	if err != nil {
		t.Fatal(err)
	}
	r := verifyAgainstCommittee(t, fx, changed)
	if !strings.Contains(r.String(), "Signature 2 certified the document with no changes permitted, yet it was changed afterwards") {
		t.Errorf("the broken certification is not named:\n%s", r)
	}
}

// A signature's data is read up to 128 KB; one byte more is refused
// unread.
func TestSignatureDataIsReadUpTo128KB(t *testing.T) {
	fx := newFixture(t)
	for _, c := range []struct {
		size    int
		refused bool
	}{{maxContentsBytes, false}, {maxContentsBytes + 1, true}} {
		r := verifyAgainstCommittee(t, fx, attackpdf.SignatureWithContents(fx.twice, make([]byte, c.size)))
		if len(r.Signatures) != 3 {
			t.Fatalf("%d signatures found, want 3:\n%s", len(r.Signatures), r)
		}
		p := r.Signatures[2].Problem
		if strings.Contains(p, "larger than 128 KB") != c.refused || p == "" {
			t.Errorf("signature data of %d bytes: %q", c.size, p)
		}
	}
}

// signedWithoutAttributes signs doc with a CMS that has no signed
// attributes (the signature is over the document's bytes themselves), as
// older adbe.pkcs7.detached signers do, under the given sub-filter.
func signedWithoutAttributes(t *testing.T, fx *fixture, doc []byte, subFilter string) []byte {
	t.Helper()
	p, err := PreparePDF(doc, fx.rapporteur.Cert, fx.rapporteur.Chain, SignatureInfo{Reason: "Rapporteur — author", FieldName: "Rapporteur"})
	if err != nil {
		t.Fatal(err)
	}
	from := []byte("/SubFilter /ETSI.CAdES.detached")
	to := []byte("/SubFilter /" + subFilter)
	to = append(to, bytes.Repeat([]byte(" "), len(from)-len(to))...)
	p.PDF = bytes.Replace(p.PDF, from, to, 1)
	part, err := p.SignedPart()
	if err != nil {
		t.Fatal(err)
	}
	sd, err := pkcs7.NewSignedData(part)
	if err != nil {
		t.Fatal(err)
	}
	sd.SetDigestAlgorithm(pkcs7.OIDDigestAlgorithmSHA256)
	if err := sd.SignWithoutAttr(fx.rapporteur.Cert, fx.rapporteur.Key, pkcs7.SignerInfoConfig{}); err != nil {
		t.Fatal(err)
	}
	sd.Detach()
	cms, err := sd.Finish()
	if err != nil {
		t.Fatal(err)
	}
	signed, err := Embed(p, cms)
	if err != nil {
		t.Fatal(err)
	}
	return signed
}

// A signature without signed attributes is checked over the document's
// bytes when its type allows it (adbe.pkcs7.detached), and refused when
// its type requires them (PAdES).
func TestASignatureWithoutSignedAttributesIsCheckedWhereItsTypeAllows(t *testing.T) {
	fx := newFixture(t)
	r := verifyAgainstCommittee(t, fx, signedWithoutAttributes(t, fx, fx.unsigned, "adbe.pkcs7.detached"))
	if len(r.Signatures) != 1 || !r.Signatures[0].Valid {
		t.Errorf("an adbe.pkcs7.detached signature without signed attributes:\n%s", r)
	}
	tampered := signedWithoutAttributes(t, fx, fx.unsigned, "adbe.pkcs7.detached")
	i := bytes.Index(tampered, []byte("/Producer"))
	tampered[i+3] ^= 0x20
	if r := verifyAgainstCommittee(t, fx, tampered); len(r.Signatures) != 1 || r.Signatures[0].Valid {
		t.Errorf("a changed file signed without signed attributes:\n%s", r)
	}
	r = verifyAgainstCommittee(t, fx, signedWithoutAttributes(t, fx, fx.unsigned, "ETSI.CAdES.detached"))
	if len(r.Signatures) != 1 || r.Signatures[0].Problem != "The signature has no signed attributes, which its type requires." {
		t.Errorf("a PAdES signature without signed attributes:\n%s", r)
	}
}

// withByteRange rewrites the first signature's /ByteRange in place.
func withByteRange(t *testing.T, doc []byte, br [4]int64) []byte {
	t.Helper()
	i := bytes.Index(doc, []byte("/ByteRange ["))
	j := i + bytes.IndexByte(doc[i:], ']') + 1
	for j < len(doc) && doc[j] == ' ' {
		j++
	}
	text := fmt.Sprintf("/ByteRange [%d %d %d %d]", br[0], br[1], br[2], br[3])
	if len(text) > j-i {
		t.Fatalf("no room for %s", text)
	}
	out := bytes.Clone(doc)
	copy(out[i:j], text+strings.Repeat(" ", j-i-len(text)))
	return out
}

// A byte range that stays inside the file but does not leave out exactly
// the signature's /Contents is named as such, not as pointing outside.
func TestAByteRangeInsideTheFileThatMissesTheSignatureIsNamed(t *testing.T) {
	fx := newFixture(t)
	r := verifyAgainstCommittee(t, fx, fx.once)
	br, size := r.Signatures[0].ByteRange, int64(len(fx.once))
	for _, c := range []struct {
		name string
		br   [4]int64
	}{
		{"skipping to the end of the file", [4]int64{0, br[1], size, 0}},
		{"leaving out nothing", [4]int64{0, br[1], br[1], size - br[1]}},
	} {
		r := verifyAgainstCommittee(t, fx, withByteRange(t, fx.once, c.br))
		if len(r.Signatures) != 1 || r.Signatures[0].Problem != "The signature's byte range leaves out more than the signature itself, so part of the document is not signed." {
			t.Errorf("%s: %q", c.name, r.Signatures[0].Problem)
		}
	}
}

// The CMS in /Contents is cut at the end its outer element encodes, so the
// zero padding after it is not read as part of it: short and long lengths,
// high tag numbers, and indefinite lengths closed by end-of-contents.
func TestTheSignatureDataEndsWhereItsEncodingSays(t *testing.T) {
	pad := make([]byte, 8)
	for _, c := range []struct {
		name string
		der  []byte
		end  int // 0: not a readable element, kept whole
	}{
		{"short length", []byte{0x04, 0x02, 'h', 'i'}, 4},
		{"short length of 127", append([]byte{0x04, 0x7f}, make([]byte, 127)...), 129},
		{"long length", append([]byte{0x04, 0x81, 0x80}, make([]byte, 128)...), 131},
		{"four length bytes", append([]byte{0x04, 0x84, 0, 0, 0, 3}, 'a', 'b', 'c'), 9},
		{"five length bytes", append([]byte{0x04, 0x85, 0, 0, 0, 0, 3}, 'a', 'b', 'c'), 0},
		{"high tag number", []byte{0x1f, 0x81, 0x01, 0x01, 'x'}, 5},
		{"indefinite length", []byte{0x30, 0x80, 0x04, 0x01, 'x', 0x00, 0x00}, 7},
		{"indefinite length nested", []byte{0x30, 0x80, 0x30, 0x80, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00}, 10},
		{"indefinite length of a primitive", []byte{0x04, 0x80, 0x00, 0x00}, 0},
		{"length past the data", []byte{0x04, 0x7f, 'x'}, 0},
		{"one byte", []byte{0x04}, 0},
		{"length bytes past the data", []byte{0x04, 0x82, 0x01}, 0},
		{"high tag number cut short", []byte{0x1f, 0x81}, 0},
		{"high tag number without length", []byte{0x1f, 0x01}, 0},
		{"indefinite length never closed", []byte{0x30, 0x80, 0x00}, 0},
	} {
		in := append(bytes.Clone(c.der), pad...)
		if c.end == 0 {
			in = c.der
		}
		got := func() (out []byte) {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%s: panicked: %v", c.name, p)
				}
			}()
			return trimDER(in)
		}()
		want := in
		if c.end > 0 {
			want = c.der[:c.end]
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: cut to %d bytes, want %d", c.name, len(got), len(want))
		}
	}
	// Elements that fill the data exactly, without padding.
	for _, der := range [][]byte{{0x04, 0x00}, {0x04, 0x02, 'h', 'i'}, {0x04, 0x81, 0x00}, append([]byte{0x04, 0x81, 0x80}, make([]byte, 128)...)} {
		if n, ok := berLen(der, 0); !ok || n != len(der) {
			t.Errorf("% x…: %d %v, want the whole %d bytes", der[:min(3, len(der))], n, ok, len(der))
		}
	}
	// Indefinite lengths nested 33 deep are refused; 32 are read.
	nested := func(levels int) []byte {
		b := bytes.Repeat([]byte{0x30, 0x80}, levels)
		return append(b, bytes.Repeat([]byte{0, 0}, levels)...)
	}
	if n, ok := berLen(nested(33), 0); !ok || n != 4*33 {
		t.Errorf("33 levels (depth 32 below the top): %d %v", n, ok)
	}
	if _, ok := berLen(nested(34), 0); ok {
		t.Error("34 levels were read")
	}
}

// The bytes digested for all of a file's signatures are bounded: a
// signature whose signed bytes do not fit in what is left is not checked.
func TestASignatureIsCheckedOnlyWithinTheDigestBudget(t *testing.T) {
	fx := newFixture(t)
	br := verifyAgainstCommittee(t, fx, fx.once).Signatures[0].ByteRange
	need := br[1] + br[3]
	cand := locateSignatures(scanFile(fx.once))[0]
	for _, c := range []struct {
		budget  int64
		checked bool
	}{{need, true}, {need - 1, false}} {
		left := c.budget
		s := verifyOne(fx.once, cand, RootPool(fx.root.Cert), &left)
		if s.Valid != c.checked || (!c.checked && !strings.Contains(s.Problem, "more signed data to be checked")) {
			t.Errorf("%d bytes to digest with %d left: valid=%v %q", need, c.budget, s.Valid, s.Problem)
		}
		if c.checked && left != 0 {
			t.Errorf("digesting %d bytes left %d of %d", need, left, c.budget)
		}
	}
}

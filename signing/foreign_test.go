package signing

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// foreignSignedPDF lays out a signed PDF the way other tools do and this
// package never does: the catalog and signature field live in a compressed
// object stream, cross-references are an xref stream, and /Contents comes
// before /ByteRange in the signature dictionary.
func foreignSignedPDF(t *testing.T, id *Identity) []byte {
	t.Helper()
	return foreignSignedPDFWith(t, "ETSI.CAdES.detached", func(signed []byte) ([]byte, error) { return detachedCMS(signed, id) })
}

// foreignSignedPDFWith is foreignSignedPDF with another /SubFilter and the
// CMS that goes with it, made by makeCMS from the signed byte ranges.
func foreignSignedPDFWith(t *testing.T, subFilter string, makeCMS func(signed []byte) ([]byte, error)) []byte {
	t.Helper()
	members := []string{
		"<</Type/Catalog/Pages 3 0 R/AcroForm<</Fields[4 0 R]/SigFlags 3>>>>",
		"<</Type/Pages/Kids[6 0 R]/Count 1>>",
		"<</FT/Sig/T(ForeignSig)/V 5 0 R/Type/Annot/Subtype/Widget/Rect[0 0 0 0]/P 6 0 R/F 132>>",
	}
	var head, body bytes.Buffer
	for i, m := range members {
		fmt.Fprintf(&head, "%d %d ", i+2, body.Len())
		body.WriteString(m + "\n")
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(append(head.Bytes(), body.Bytes()...))
	zw.Close()

	var b bytes.Buffer
	offsets := map[int]int{}
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offsets[1] = b.Len()
	fmt.Fprintf(&b, "1 0 obj\n<</Type/ObjStm/N 3/First %d/Filter/FlateDecode/Length %d>>\nstream\n", head.Len(), z.Len())
	b.Write(z.Bytes())
	b.WriteString("\nendstream\nendobj\n")
	offsets[5] = b.Len()
	const reserve = 8192
	b.WriteString("5 0 obj\n<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/" + subFilter + "/Contents <")
	contentsStart := b.Len() - 1
	b.Write(bytes.Repeat([]byte("0"), 2*reserve))
	b.WriteString(">/ByteRange ")
	brAt := b.Len()
	b.WriteString(byteRangePlaceholder)
	b.WriteString("/M(" + pdfDate(time.Now().UTC()) + ")>>\nendobj\n")
	contentsEnd := contentsStart + 2*reserve + 2
	offsets[6] = b.Len()
	b.WriteString("6 0 obj\n<</Type/Page/Parent 3 0 R/MediaBox[0 0 612 792]/Annots[4 0 R]>>\nendobj\n")
	offsets[7] = b.Len()
	var xs bytes.Buffer
	entry := func(typ byte, f2 uint32, f3 uint16) {
		xs.WriteByte(typ)
		binary.Write(&xs, binary.BigEndian, f2)
		binary.Write(&xs, binary.BigEndian, f3)
	}
	entry(0, 0, 65535)
	entry(1, uint32(offsets[1]), 0)
	for i := 0; i < 3; i++ {
		entry(2, 1, uint16(i))
	}
	for _, n := range []int{5, 6, 7} {
		entry(1, uint32(offsets[n]), 0)
	}
	fmt.Fprintf(&b, "7 0 obj\n<</Type/XRef/Size 8/W[1 4 2]/Root 2 0 R/Length %d>>\nstream\n", xs.Len())
	b.Write(xs.Bytes())
	b.WriteString("\nendstream\nendobj\n")
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", offsets[7])

	file := b.Bytes()
	br := fmt.Sprintf("[0 %d %d %d]", contentsStart, contentsEnd, len(file)-contentsEnd)
	copy(file[brAt:], br+strings.Repeat(" ", len(byteRangePlaceholder)-len(br)))
	signed := append(append([]byte{}, file[:contentsStart]...), file[contentsEnd:]...)
	cms, err := makeCMS(signed)
	if err != nil {
		t.Fatal(err)
	}
	hex.Encode(file[contentsStart+1:], cms)
	return file
}

func TestVerifyForeignLayoutWithXrefStream(t *testing.T) {
	fx := newFixture(t)
	doc := foreignSignedPDF(t, fx.rapporteur)
	out := pdfsig(t, doc)
	if !strings.Contains(out, "Signature is Valid.") {
		t.Fatalf("the hand-made foreign PDF is not valid for pdfsig either, so the test is wrong:\n%s", out)
	}
	r, err := Verify(doc, RootPool(fx.root.Cert))
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() || len(r.Signatures) != 1 {
		t.Fatalf("foreign layout not verified:\n%s", r)
	}
	s := r.Signatures[0]
	if s.FieldName != "ForeignSig" || s.SignerName != "Li Wei" || !s.ChainsToRoot {
		t.Errorf("got field %q signer %q chains %v", s.FieldName, s.SignerName, s.ChainsToRoot)
	}
	// The writer only extends classic xref tables and must say so plainly.
	if _, err := SignPDF(doc, fx.chair, SignatureInfo{}); !errors.Is(err, ErrXRefStream) {
		t.Errorf("signing over an xref stream: got %v", err)
	}
}

func TestSignUncompressedPDF(t *testing.T) {
	fx := newFixture(t)
	doc := makePDF(t, 2, false)
	signed, err := SignPDF(doc, fx.chair, SignatureInfo{Reason: "Chair — approval", Page: 2})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Verify(signed, RootPool(fx.root.Cert))
	if err != nil || !r.OK() || r.Signatures[0].FieldName != "Signature1" {
		t.Fatalf("uncompressed PDF: err=%v\n%s", err, r)
	}
	if _, err := SignPDF(doc, fx.chair, SignatureInfo{Page: 3}); err == nil || !strings.Contains(err.Error(), "no page 3") {
		t.Errorf("signing a page that does not exist: %v", err)
	}
}

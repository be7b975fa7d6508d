package signing

import (
	"bytes"
	"encoding/hex"
	"testing"
)

// A prepared document is one whose byte range leaves out exactly an empty
// placeholder, wherever it stands: one cut right after its placeholder
// (nothing left to sign after it) is still signed on the laptop and
// filled on the server, with the bytes before the placeholder signed.
func TestAPlaceholderEndingTheDocumentIsStillAPlaceholder(t *testing.T) {
	fx := newFixture(t)
	p, err := PreparePDF(fx.unsigned, fx.chair.Cert, fx.chair.Chain, SignatureInfo{Reason: "Chair — approval"})
	if err != nil {
		t.Fatal(err)
	}
	start, end := p.ByteRange[1], p.ByteRange[2]
	cut := &Prepared{PDF: bytes.Clone(p.PDF[:end]), ByteRange: [4]int64{0, start, end, 0}}
	part, err := cut.SignedPart()
	if err != nil {
		t.Fatalf("a document ending at its placeholder is refused: %v", err)
	}
	if !bytes.Equal(part, p.PDF[:start]) {
		t.Errorf("the signed part is %d bytes, want the %d before the placeholder", len(part), start)
	}
	cms, err := SignPrepared(cut, fx.chair)
	if err != nil {
		t.Fatalf("the laptop does not sign a document ending at its placeholder: %v", err)
	}
	filled, err := Embed(cut, cms)
	if err != nil {
		t.Fatalf("the server does not fill a placeholder ending the document: %v", err)
	}
	if len(filled) != len(cut.PDF) || !bytes.HasPrefix(filled[start+1:], []byte(hex.EncodeToString(cms))) {
		t.Error("the signature is not in the placeholder at the end of the document")
	}
}

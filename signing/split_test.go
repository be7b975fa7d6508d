package signing

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

// The document prepared on one machine and signed on another verifies as
// the one SignPDF signs in one go, for a signature and a countersignature,
// and pdfsig agrees.
func TestAPreparedDocumentSignedElsewhereVerifies(t *testing.T) {
	fx := newFixture(t)
	info := SignatureInfo{Reason: "Rapporteur — author", FieldName: "Rapporteur", Rect: [4]float64{50, 50, 250, 110}, Time: time.Now()}
	doc := fx.unsigned
	for i, id := range []*Identity{fx.rapporteur, fx.chair} {
		p, err := PreparePDF(doc, id.Cert, id.Chain, info)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(p.PDF, doc) {
			t.Fatal("preparing rewrote earlier bytes instead of appending an incremental update")
		}
		cms, err := SignPrepared(p, id)
		if err != nil {
			t.Fatal(err)
		}
		signed, err := Embed(p, cms)
		if err != nil {
			t.Fatal(err)
		}
		if err := CheckAdded(signed, i, fx.root.Cert, id.Cert); err != nil {
			t.Fatalf("signature %d: %v", i+1, err)
		}
		if err := CheckAdded(signed, i, fx.root.Cert, fx.stranger.Cert); err == nil || !strings.Contains(err.Error(), "another certificate") {
			t.Errorf("signature %d was accepted as made with someone else's certificate: %v", i+1, err)
		}
		doc = signed
		info.FieldName, info.Reason = "Chair", "Chair — approval"
	}
	blocks := pdfsigBlocks(pdfsig(t, doc))
	if len(blocks) != 2 {
		t.Fatalf("pdfsig found %d signatures, want 2", len(blocks))
	}
	for i, b := range blocks {
		if !strings.Contains(b, "Signature Validation: Signature is Valid.") {
			t.Errorf("pdfsig: signature %d not valid:\n%s", i+1, b)
		}
	}
}

// The laptop signs only a document whose byte range leaves out exactly an
// empty placeholder and covers the rest of the file; the server embeds
// only a signature that fits, and what does not match is refused.
func TestPreparedDocumentsAreCheckedOnBothSides(t *testing.T) {
	fx := newFixture(t)
	p, err := PreparePDF(fx.unsigned, fx.chair.Cert, fx.chair.Chain, SignatureInfo{Rect: [4]float64{50, 50, 250, 110}})
	if err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string]func(q *Prepared){
		"a range that leaves the end out": func(q *Prepared) { q.ByteRange[3] -= 10 },
		"a range that starts later":       func(q *Prepared) { q.ByteRange[0] = 5 },
		"a placeholder already filled":    func(q *Prepared) { q.PDF[q.ByteRange[1]+3] = 'A' },
		"a range beyond the file":         func(q *Prepared) { q.ByteRange[2] = int64(len(q.PDF)) + 5 },
		"an empty range":                  func(q *Prepared) { q.ByteRange = [4]int64{} },
	} {
		q := &Prepared{PDF: bytes.Clone(p.PDF), ByteRange: p.ByteRange}
		bad(q)
		if _, err := SignPrepared(q, fx.chair); !errors.Is(err, ErrNotPrepared) {
			t.Errorf("%s: the laptop signed it (%v)", name, err)
		}
	}
	if _, err := Embed(p, make([]byte, len(p.PDF))); err == nil {
		t.Error("a signature larger than the placeholder was embedded")
	}
	cms, err := SignPrepared(p, fx.chair)
	if err != nil {
		t.Fatal(err)
	}
	// A signature of another document does not match this one.
	other, err := PreparePDF(fx.unsigned, fx.chair.Cert, fx.chair.Chain, SignatureInfo{Rect: [4]float64{60, 60, 260, 120}})
	if err != nil {
		t.Fatal(err)
	}
	signed, err := Embed(other, cms)
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckAdded(signed, 0, fx.root.Cert, fx.chair.Cert); err == nil {
		t.Error("a signature of another document was accepted")
	}
	// A certificate from another root is refused even when the signature matches.
	p2, err := PreparePDF(fx.unsigned, fx.stranger.Cert, fx.stranger.Chain, SignatureInfo{Rect: [4]float64{50, 50, 250, 110}})
	if err != nil {
		t.Fatal(err)
	}
	cms2, err := SignPrepared(p2, fx.stranger)
	if err != nil {
		t.Fatal(err)
	}
	signed2, err := Embed(p2, cms2)
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckAdded(signed2, 0, fx.root.Cert, fx.stranger.Cert); err == nil {
		t.Error("a certificate another root issued was accepted")
	}
}

// A prepared widget names the signer as given, or by the certificate's
// name when no name is given; and a signer with a long certificate chain
// gets room enough for the signature.
func TestAPreparedSignatureNamesItsSignerAndFitsItsChain(t *testing.T) {
	fx := newFixture(t)
	for _, c := range []struct{ name, shown string }{{"", "Maria Chen"}, {"M. Chen", "M. Chen"}} {
		p, err := PreparePDF(fx.unsigned, fx.chair.Cert, fx.chair.Chain, SignatureInfo{Name: c.name, Reason: "Chair — approval", Rect: [4]float64{50, 50, 250, 110}})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(p.PDF[len(fx.unsigned):], []byte("(Digitally signed by "+c.shown+") Tj")) {
			t.Errorf("name %q: the prepared widget does not show %q", c.name, c.shown)
		}
	}
	long := &Identity{Cert: fx.chair.Cert, Key: fx.chair.Key}
	for len(long.Chain)*len(fx.root.Cert.Raw) < 2*contentsReserve {
		long.Chain = append(long.Chain, fx.root.Cert)
	}
	p, err := PreparePDF(fx.unsigned, long.Cert, long.Chain, SignatureInfo{Reason: "Chair — approval"})
	if err != nil {
		t.Fatal(err)
	}
	cms, err := SignPrepared(p, long)
	if err != nil {
		t.Fatal(err)
	}
	signed, err := Embed(p, cms)
	if err != nil {
		t.Fatalf("the signature with a long chain does not fit the room prepared for it: %v", err)
	}
	if err := CheckAdded(signed, 0, fx.root.Cert, long.Cert); err != nil {
		t.Fatal(err)
	}
}

// The laptop does not sign something that only looks prepared: a "file"
// starting with the placeholder itself, or a placeholder with no room.
func TestTheLaptopSignsOnlyAPlaceholderInsideTheFile(t *testing.T) {
	fx := newFixture(t)
	doc := append([]byte("<0000>"), fx.unsigned...)
	p := &Prepared{PDF: doc, ByteRange: [4]int64{0, 0, 6, int64(len(doc) - 6)}}
	if _, err := SignPrepared(p, fx.chair); !errors.Is(err, ErrNotPrepared) {
		t.Errorf("a placeholder at the very start was signed: %v", err)
	}
	doc = append(append([]byte{}, fx.unsigned...), "/Contents <> >>\n"...)
	at := int64(len(fx.unsigned) + len("/Contents "))
	p = &Prepared{PDF: doc, ByteRange: [4]int64{0, at, at + 2, int64(len(doc)) - at - 2}}
	if _, err := SignPrepared(p, fx.chair); !errors.Is(err, ErrNotPrepared) {
		t.Errorf("a placeholder with no room was signed: %v", err)
	}
}

// Embed takes a signature of exactly the room kept (the placeholder's hex
// digits, two per byte) and refuses one byte more, which would run over
// the rest of the file.
func TestEmbedFillsThePlaceholderAndNoMore(t *testing.T) {
	fx := newFixture(t)
	p, err := PreparePDF(fx.unsigned, fx.chair.Cert, fx.chair.Chain, SignatureInfo{Reason: "Chair — approval"})
	if err != nil {
		t.Fatal(err)
	}
	cms, err := SignPrepared(p, fx.chair)
	if err != nil {
		t.Fatal(err)
	}
	room := int(p.ByteRange[2]-p.ByteRange[1]-2) / 2
	full := append(append([]byte{}, cms...), make([]byte, room-len(cms))...)
	signed, err := Embed(p, full)
	if err != nil {
		t.Fatalf("a signature of exactly the room (%d bytes) is refused: %v", room, err)
	}
	if err := CheckAdded(signed, 0, fx.root.Cert, fx.chair.Cert); err != nil {
		t.Fatal(err)
	}
	if _, err := Embed(p, append(full, 0)); err == nil || !strings.Contains(err.Error(), "room for 1 to") {
		t.Errorf("a signature one byte larger than the room: %v", err)
	}
}

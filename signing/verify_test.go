package signing

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

func TestVerifyTwoSignatures(t *testing.T) {
	fx := newFixture(t)
	r, err := Verify(fx.twice, RootPool(fx.root.Cert))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Signatures) != 2 {
		t.Fatalf("found %d signatures, want 2\n%s", len(r.Signatures), r)
	}
	want := []struct{ field, name, role, reason string }{
		{"Rapporteur", "Li Wei", "Rapporteur", "Rapporteur — author"},
		{"Chair", "Maria Chen", "Chair", "Chair — approval"},
	}
	for i, w := range want {
		s := r.Signatures[i]
		if !s.Valid || !s.ChainsToRoot {
			t.Errorf("signature %d: valid=%v chains=%v problem=%q chain=%q", i+1, s.Valid, s.ChainsToRoot, s.Problem, s.ChainProblem)
		}
		if s.FieldName != w.field || s.SignerName != w.name || s.SignerRole != w.role || s.Reason != w.reason {
			t.Errorf("signature %d: got field %q signer %q role %q reason %q", i+1, s.FieldName, s.SignerName, s.SignerRole, s.Reason)
		}
		if s.SubFilter != "ETSI.CAdES.detached" || s.SigningTime.IsZero() {
			t.Errorf("signature %d: subfilter %q time %v", i+1, s.SubFilter, s.SigningTime)
		}
	}
	if r.Signatures[0].CoversWholeFile || !r.Signatures[1].CoversWholeFile {
		t.Errorf("whole-file coverage: first %v, last %v", r.Signatures[0].CoversWholeFile, r.Signatures[1].CoversWholeFile)
	}
	if !r.OK() || len(r.ChangesAfterLastSignature) != 0 {
		t.Errorf("report not OK:\n%s", r)
	}
	text := r.String()
	for _, s := range []string{"Li Wei", "Maria Chen", "Chair — approval", "Changes after the last signature: none", "Chains to committee root: yes"} {
		if !strings.Contains(text, s) {
			t.Errorf("report text lacks %q:\n%s", s, text)
		}
	}
}

func TestVerifyForeignRootDoesNotChain(t *testing.T) {
	fx := newFixture(t)
	signed, err := SignPDF(fx.twice, fx.stranger, SignatureInfo{Reason: "Chair — approval", FieldName: "Chair"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Verify(signed, RootPool(fx.root.Cert))
	if err != nil {
		t.Fatal(err)
	}
	last := r.Signatures[len(r.Signatures)-1]
	if !last.Valid || last.ChainsToRoot {
		t.Errorf("a certificate from another root: valid=%v chains=%v", last.Valid, last.ChainsToRoot)
	}
	if !strings.Contains(r.String(), "Chains to committee root: no") {
		t.Errorf("report does not say the chain fails:\n%s", r)
	}
	if last.FieldName != "Chair 2" {
		t.Errorf("a second field named Chair was not renamed: %q", last.FieldName)
	}
}

func TestChangedByteIsDetected(t *testing.T) {
	fx := newFixture(t)
	// Change a byte of page text inside the first signed range: both
	// signatures cover it.
	i := bytes.Index(fx.twice, []byte("/Producer"))
	if i < 0 {
		t.Fatal("no /Producer in the test PDF")
	}
	bad := append([]byte(nil), fx.twice...)
	bad[i+3] ^= 0x20 // /Producer -> /PrOducer
	r, err := Verify(bad, RootPool(fx.root.Cert))
	if err != nil {
		t.Fatal(err)
	}
	if r.OK() {
		t.Fatal("a changed byte went unnoticed")
	}
	for i, s := range r.Signatures {
		if s.Valid || !strings.Contains(s.Problem, "changed") {
			t.Errorf("signature %d: valid=%v problem=%q", i+1, s.Valid, s.Problem)
		}
	}
	out := pdfsig(t, bad)
	blocks := pdfsigBlocks(out)
	if len(blocks) != 2 {
		t.Fatalf("pdfsig found %d signatures in the changed file, want 2:\n%s", len(blocks), out)
	}
	for i, b := range blocks {
		if strings.Contains(b, "Signature is Valid.") {
			t.Errorf("pdfsig still calls signature %d valid:\n%s", i+1, b)
		}
	}
}

func TestUpdateAfterLastSignatureIsReported(t *testing.T) {
	fx := newFixture(t)
	d := fx.twice
	start := bytes.LastIndex(d, []byte("startxref"))
	var prev int
	fmt.Sscanf(string(d[start+len("startxref"):]), "%d", &prev)
	var b bytes.Buffer
	b.Write(d)
	at := b.Len()
	b.WriteString("99 0 obj\n<</Type /Annot /Subtype /Text /Rect [0 0 10 10] /Contents (sneaky)>>\nendobj\n")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n99 1\n%010d 00000 n\r\ntrailer\n<</Size 100 /Root 11 0 R /Prev %d>>\nstartxref\n%d\n%%%%EOF\n", at, prev, xref)
	r, err := Verify(b.Bytes(), RootPool(fx.root.Cert))
	if err != nil {
		t.Fatal(err)
	}
	if r.OK() {
		t.Fatal("an update after the last signature went unnoticed")
	}
	if len(r.ChangesAfterLastSignature) != 1 || !strings.Contains(r.ChangesAfterLastSignature[0], "99 (an annotation (/Text))") {
		t.Errorf("changes: %q", r.ChangesAfterLastSignature)
	}
	if !r.Signatures[0].Valid || !r.Signatures[1].Valid || r.Signatures[1].CoversWholeFile {
		t.Errorf("the signatures themselves should still be valid but not cover the file:\n%s", r)
	}
}

func TestVerifyUnsignedAndNonPDF(t *testing.T) {
	fx := newFixture(t)
	r, err := Verify(fx.unsigned, nil)
	if err != nil || r.OK() || len(r.Signatures) != 0 {
		t.Errorf("unsigned PDF: err=%v report=%v", err, r)
	}
	if !strings.Contains(r.String(), "no digital signature") {
		t.Errorf("unsigned report text: %s", r)
	}
	if _, err := Verify([]byte("hello, this is not a PDF"), nil); err == nil {
		t.Error("random text was accepted as a PDF")
	}
}

package signing

import (
	"strings"
	"testing"
)

// The server's check of a signed document says how many signatures it
// found against how many it expected.
func TestCheckAddedCountsTheSignatures(t *testing.T) {
	fx := newFixture(t)
	err := CheckAdded(fx.once, 1, fx.root.Cert, fx.chair.Cert)
	if err == nil || err.Error() != "the signed document holds 1 signatures where 2 were expected" {
		t.Errorf("a document with one signature where two were expected: %v", err)
	}
}

// When the new signature is in order but the document does not verify
// (here its two earlier signatures come from another root), every reason
// is given, one after the other.
func TestCheckAddedGivesEveryReasonTheDocumentFails(t *testing.T) {
	fx := newFixture(t)
	doc := mustSign(t, fx.unsigned, fx.stranger, "Rapporteur — author", "Rapporteur")
	doc = mustSign(t, doc, fx.stranger, "Member — review", "Member")
	p, err := PreparePDF(doc, fx.chair.Cert, fx.chair.Chain, SignatureInfo{Reason: "Chair — approval", FieldName: "Chair"})
	if err != nil {
		t.Fatal(err)
	}
	cms, err := SignPrepared(p, fx.chair)
	if err != nil {
		t.Fatal(err)
	}
	signed, err := Embed(p, cms)
	if err != nil {
		t.Fatal(err)
	}
	reasons := verifyAgainstCommittee(t, fx, signed).Reasons()
	if len(reasons) != 2 {
		t.Fatalf("want two reasons the document fails, got %q", reasons)
	}
	err = CheckAdded(signed, 2, fx.root.Cert, fx.chair.Cert)
	want := "the signed document does not verify: " + reasons[0] + " " + reasons[1]
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
	if !strings.HasPrefix(reasons[0], "Signature 1, “Mallory”,") {
		t.Errorf("the first reason is not about the first signature: %q", reasons[0])
	}
}

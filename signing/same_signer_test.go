package signing

import (
	"strings"
	"testing"
	"time"
)

// verify says when one person made both signatures, and says nothing of
// the kind for the rapporteur's and the chair's.
func TestVerifySaysWhenBothSignaturesAreBySamePerson(t *testing.T) {
	fx := newFixture(t)
	r, err := Verify(fx.twice, RootPool(fx.root.Cert))
	if err != nil {
		t.Fatal(err)
	}
	if note := r.SameSigner(); note != "" || strings.Contains(r.String(), "same person") {
		t.Fatalf("two different signers reported as one: %q", note)
	}
	self, err := SignPDF(fx.once, fx.rapporteur, SignatureInfo{Reason: "Chair — approval", Time: time.Now(),
		FieldName: "Chair", Page: 3, Rect: [4]float64{300, 100, 500, 150}})
	if err != nil {
		t.Fatal(err)
	}
	r, err = Verify(self, RootPool(fx.root.Cert))
	if err != nil {
		t.Fatal(err)
	}
	want := "Both signatures are by the same person (Li Wei)"
	if !strings.HasPrefix(r.SameSigner(), want) || !strings.Contains(r.String(), want) {
		t.Fatalf("one person's two signatures not reported:\n%s", r)
	}
	// A second certificate issued to the same person (same name, new key)
	// is still the same person.
	again, err := IssueMember(fx.root, "Li Wei", "Rapporteur", "li.wei@example.org", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	reissued, err := SignPDF(fx.once, again, SignatureInfo{Reason: "Chair — approval", Time: time.Now(),
		FieldName: "Chair", Page: 3, Rect: [4]float64{300, 100, 500, 150}})
	if err != nil {
		t.Fatal(err)
	}
	if r, err = Verify(reissued, RootPool(fx.root.Cert)); err != nil || !strings.HasPrefix(r.SameSigner(), want) {
		t.Fatalf("a re-issued key of the same person not reported: %v\n%s", err, r)
	}
}

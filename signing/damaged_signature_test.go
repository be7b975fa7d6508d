package signing

import (
	"strings"
	"testing"
)

// A signature whose byte range is not the one around its /Contents has no
// place in the order of the revisions: it neither marks where a revision
// ends nor makes the document look changed before the signatures that can
// be read. The update that brought it is a change after the last one.
func TestADamagedSignatureIsNoRevisionBoundary(t *testing.T) {
	fx := newFixture(t)
	doc := appendUpdate(t, fx.once, map[int]string{20: "<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 1 2 3] /Contents <00>>>"})
	r := verifyAgainstCommittee(t, fx, doc)
	if len(r.Signatures) != 2 || r.Signatures[0].Valid || !r.Signatures[1].Valid {
		t.Fatalf("want the signature with a wrong range, then the valid one:\n%s", r)
	}
	for _, c := range r.Revisions {
		if c.Before > 0 {
			t.Errorf("a change between signatures is reported: %s", c.Text)
		}
	}
	for _, p := range r.Problems {
		if strings.Contains(p, "between signature") {
			t.Errorf("a problem between signatures is reported: %s", p)
		}
	}
	if len(r.ChangesAfterLastSignature) != 1 {
		t.Errorf("want the update as one change after the last signature, got %q", r.ChangesAfterLastSignature)
	}
}

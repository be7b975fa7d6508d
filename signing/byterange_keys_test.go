package signing

import (
	"bytes"
	"strings"
	"testing"
)

// PDF readers accept bytes before the "%PDF-" header. A signed file that
// starts with a stray "/ByteRange" still has its signature found and
// reported (broken, as every offset moved), not "no digital signature".
func TestASignedFileStartingWithAByteRangeKeyStillShowsItsSignature(t *testing.T) {
	fx := newFixture(t)
	doc := append([]byte("/ByteRange\n"), fx.once...)
	r := verifyAgainstCommittee(t, fx, doc)
	if len(r.Signatures) == 0 {
		t.Fatalf("the signature after a leading /ByteRange is not found:\n%s", r)
	}
	found := false
	for _, s := range r.Signatures {
		found = found || s.FieldName == "Rapporteur"
	}
	if !found || r.Verdict() != NotVerified {
		t.Errorf("want the moved Rapporteur signature, not verified:\n%s", r)
	}
	if strings.Contains(r.String(), "carries no digital signature") {
		t.Errorf("the report says there is no signature:\n%s", r)
	}
}

// A file may make Verify look at 256 "/ByteRange" keys (four per
// signature checked). A signature whose key comes after 256 others is not
// read, so the file is not vouched for, however valid that signature is.
func TestASignatureAfterTwoHundredAndFiftySixByteRangeKeysIsNotVouchedFor(t *testing.T) {
	fx := newFixture(t)
	for _, others := range []int{maxSignatures*4 - 1, maxSignatures * 4} {
		filler := "(" + strings.Repeat("/ByteRange ", others) + ")"
		doc := appendUpdate(t, fx.unsigned, map[int]string{20: filler})
		signed := mustSign(t, doc, fx.chair, "Chair — approval", "Chair")
		if n := bytes.Count(signed, []byte("/ByteRange")); n != others+1 {
			t.Fatalf("the signed file holds %d /ByteRange keys, want %d", n, others+1)
		}
		r := verifyAgainstCommittee(t, fx, signed)
		if others < maxSignatures*4 {
			if r.Verdict() != Verified {
				t.Errorf("the signature after %d other keys is not verified:\n%s", others, r)
			}
			continue
		}
		if len(r.Signatures) != 0 || r.Verdict() != NotVerified {
			t.Errorf("the signature after %d other keys was read (%d signatures, verdict %d):\n%s", others, len(r.Signatures), r.Verdict(), r)
		}
	}
}

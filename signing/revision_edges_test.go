package signing

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// twoSignaturesEndingTogether appends to doc one update holding two
// signature dictionaries whose byte ranges both end at the end of the file,
// each leaving out its own /Contents (zeros: neither is a real signature).
func twoSignaturesEndingTogether(t testing.TB, doc []byte) []byte {
	t.Helper()
	placeholder := "[0 0000000000 0000000000 0000000000]"
	sig := "<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange " + placeholder +
		" /Contents <" + strings.Repeat("0", 64) + ">>>"
	out := appendUpdate(t, doc, map[int]string{60: sig, 61: sig})
	at := len(doc)
	for k := 0; k < 2; k++ {
		br := at + bytes.Index(out[at:], []byte(placeholder))
		start := br + bytes.Index(out[br:], []byte("/Contents <")) + len("/Contents ")
		end := start + 66
		filled := fmt.Sprintf("[0 %-10d %-10d %-10d]", start, end, len(out)-end)
		copy(out[br:], filled)
		at = end
	}
	return out
}

// Two signatures whose signed ranges end at the same byte sign the same
// revision: what the next signature's update adds follows the second of
// them, and nothing lies between the two.
func TestSignaturesOfTheSameRevisionHaveNothingBetweenThem(t *testing.T) {
	fx := newFixture(t)
	doc := mustSign(t, twoSignaturesEndingTogether(t, fx.unsigned), fx.chair, "Chair — approval", "Chair")
	r := verifyAgainstCommittee(t, fx, doc)
	if len(r.Signatures) != 3 || r.Signatures[0].signedEnd() != r.Signatures[1].signedEnd() || !r.Signatures[2].Valid {
		t.Fatalf("want two signatures of one revision, then a valid one:\n%s", r)
	}
	if len(r.Revisions) != 1 || !strings.HasPrefix(r.Revisions[0].Text, "Between signature 2 and signature 3, the update adds ") {
		t.Errorf("changes between signatures: %+v", r.Revisions)
	}
	if strings.Contains(r.String(), "between signature 1 and signature 2") {
		t.Errorf("the report finds a change between two signatures of one revision:\n%s", r)
	}
}

// Following what a signature's additions reach is bounded; what lies past
// the bound is not taken as part of the signature but reported as a change.
func TestValidationDataTooLargeToFollowIsReportedAsAChange(t *testing.T) {
	fx := newFixture(t)
	// New validation data (/DSS) listing a certificate stream, then padding:
	// the walk takes the array's elements last to first.
	dss := func(padding int) map[int]string {
		return map[int]string{
			95: "<</Certs [96 0 R" + strings.Repeat(" 0", padding) + "]>>",
			96: "<</Length 3>>\nstream\nabc\nendstream",
		}
	}
	for _, c := range []struct {
		padding int
		want    Verdict
	}{{1000, Verified}, {validationPaddingPastBound, NotVerified}} {
		signed := mustSign(t, appendUpdate(t, fx.once, dss(c.padding)), fx.chair, "Chair — approval", "Chair")
		r := verifyAgainstCommittee(t, fx, signed)
		if r.Verdict() != c.want {
			t.Errorf("validation data padded with %d values: verdict %d, want %d\n%s", c.padding, r.Verdict(), c.want, r.Problems)
		}
		if c.want == NotVerified && !strings.Contains(r.String(), "not only signed: the update adds object 96 (a stream)") {
			t.Errorf("the object past the bound is not named:\n%s", r.Problems)
		}
	}
}

// validationPaddingPastBound is the least padding that puts the certificate
// stream past the walk's 100,000 steps, counting the 38 steps the chair's
// own signature update takes first (measured: 99,961 still reaches it). If
// the signature update's shape changes, the test still holds, only less
// tightly.
const validationPaddingPastBound = 99962

package signing

import (
	"crypto"
	"io"
	"testing"
)

// countingSigner is a key that counts its uses, as a smart card asking for
// its PIN each time would.
type countingSigner struct {
	crypto.Signer
	uses int
}

func (c *countingSigner) Sign(rand io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	c.uses++
	return c.Signer.Sign(rand, digest, opts)
}

// The room kept for a signature is enough for a member's certificate and
// the committee's root, so signing uses the key once; only a signature
// too large for the room is made again, once, in a larger one.
func TestAnOrdinarySignatureUsesTheKeyOnce(t *testing.T) {
	fx := newFixture(t)
	key := &countingSigner{Signer: fx.chair.Key}
	id := &Identity{Cert: fx.chair.Cert, Chain: fx.chair.Chain, Key: key}
	signed, err := SignPDF(fx.unsigned, id, SignatureInfo{Reason: "Chair — approval", FieldName: "Chair"})
	if err != nil {
		t.Fatal(err)
	}
	if key.uses != 1 {
		t.Errorf("signing used the key %d times, want once", key.uses)
	}
	if r := verifyAgainstCommittee(t, fx, signed); r.Verdict() != Verified {
		t.Errorf("the signature made with the counted key does not verify:\n%s", r)
	}

	long := &countingSigner{Signer: fx.chair.Key}
	id = &Identity{Cert: fx.chair.Cert, Key: long}
	for len(id.Chain)*len(fx.root.Cert.Raw) < contentsReserve {
		id.Chain = append(id.Chain, fx.root.Cert)
	}
	signed, err = SignPDF(fx.unsigned, id, SignatureInfo{Reason: "Chair — approval", FieldName: "Chair"})
	if err != nil {
		t.Fatal(err)
	}
	if long.uses != 2 {
		t.Errorf("a signature too large for the room used the key %d times, want twice", long.uses)
	}
	if r := verifyAgainstCommittee(t, fx, signed); r.Verdict() != Verified {
		t.Errorf("the signature remade in a larger room does not verify:\n%s", r)
	}
}

package signing

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"math/big"
	"strings"
	"testing"
	"time"
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

// A signature of exactly the room kept for it fits: it is embedded as it
// was made, not made again in a larger room. (An RSA signature has a fixed
// length, so the CMS is brought to the room's size by the chain it carries:
// the common name of one certificate in it is lengthened until it fits.)
func TestASignatureOfExactlyTheRoomUsesTheKeyOnce(t *testing.T) {
	fx := newFixture(t)
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "Prof. Zhang"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour), KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, fx.root.Cert, rsaKey.Public(), fx.root.Key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	key := &countingSigner{Signer: rsaKey}
	id := &Identity{Cert: cert, Key: key}
	fillerKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	size := 0
	for n, tries := 100, 0; size != contentsReserve; tries++ {
		if tries == 50 || n <= 0 {
			t.Fatalf("no chain brings the signature to %d bytes (the last made %d)", contentsReserve, size)
		}
		filler := caCert(t, strings.Repeat("x", n), fillerKey, fx.root.Cert, fx.root.Key)
		id.Chain = []*x509.Certificate{fx.root.Cert, filler}
		cms, err := detachedCMS([]byte("any content"), id)
		if err != nil {
			t.Fatal(err)
		}
		size = len(cms)
		n += contentsReserve - size
	}
	key.uses = 0
	signed, err := SignPDF(fx.unsigned, id, SignatureInfo{Reason: "Member — review", FieldName: "Member"})
	if err != nil {
		t.Fatal(err)
	}
	if key.uses != 1 {
		t.Errorf("a signature of exactly the room (%d bytes) used the key %d times, want once", contentsReserve, key.uses)
	}
	r := verifyAgainstCommittee(t, fx, signed)
	if r.Verdict() != Verified {
		t.Fatalf("the signature of exactly the room does not verify:\n%s", r)
	}
	if br := r.Signatures[0].ByteRange; br[2]-br[1] != 2*contentsReserve+2 {
		t.Errorf("the signature was embedded in a room of %d hex digits, want %d", br[2]-br[1]-2, 2*contentsReserve)
	}
}

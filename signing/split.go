package signing

import (
	"bytes"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"ethicsdesk/signing/internal/pdf"
)

// Signing in two places: the committee server prepares the document (the
// same incremental update SignPDF writes, with the signature's /Contents
// left as zeros), the member's laptop makes the CMS signature with a key
// that never leaves it, and the server puts the CMS in and checks it.

// Prepared is a PDF waiting for one signature: ByteRange is the signed
// part, and the bytes between ByteRange[1] and ByteRange[2] are the
// /Contents placeholder, a hex string of zeros in angle brackets.
type Prepared struct {
	PDF       []byte
	ByteRange [4]int64
}

// PreparePDF adds the signature field for info to doc, as SignPDF does,
// but leaves the signature itself out. cert and chain are the signer's
// certificates (they size the room kept for the signature).
func PreparePDF(doc []byte, cert *x509.Certificate, chain []*x509.Certificate, info SignatureInfo) (*Prepared, error) {
	if cert == nil {
		return nil, errors.New("no certificate was given for the signature")
	}
	if info.Time.IsZero() {
		info.Time = time.Now()
	}
	if info.Name == "" {
		info.Name = cert.Subject.CommonName
	}
	if info.Page <= 0 {
		info.Page = 1
	}
	d, err := pdf.Open(doc)
	if err != nil {
		return nil, err
	}
	reserve := len(cert.Raw) + 4096
	for _, c := range chain {
		reserve += len(c.Raw)
	}
	reserve = max(reserve, contentsReserve)
	file, start, end, err := withPlaceholder(d, info, reserve)
	if err != nil {
		return nil, err
	}
	return &Prepared{PDF: file, ByteRange: [4]int64{0, int64(start), int64(end), int64(len(file) - end)}}, nil
}

// ErrNotPrepared is returned when a document to sign is not one prepared
// for a signature: its byte range does not leave exactly an empty
// signature's placeholder out of the whole file.
var ErrNotPrepared = errors.New("the document sent for signing is not prepared for a signature (its signed range does not cover the whole file but an empty signature)")

// placeholder returns where the /Contents hex string starts and ends,
// after checking that the byte range covers all of p.PDF but it and that
// it is empty.
func (p *Prepared) placeholder() (start, end int, err error) {
	br := p.ByteRange
	n := int64(len(p.PDF))
	if br[0] != 0 || br[1] <= 0 || br[2] <= br[1]+2 || br[3] < 0 || br[2]+br[3] != n || br[2] > n {
		return 0, 0, ErrNotPrepared
	}
	hole := p.PDF[br[1]:br[2]]
	if hole[0] != '<' || hole[len(hole)-1] != '>' || len(bytes.Trim(hole[1:len(hole)-1], "0")) != 0 {
		return 0, 0, ErrNotPrepared
	}
	return int(br[1]), int(br[2]), nil
}

// SignedPart is the bytes a signature of p covers.
func (p *Prepared) SignedPart() ([]byte, error) {
	start, end, err := p.placeholder()
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(p.PDF)-(end-start))
	return append(append(out, p.PDF[:start]...), p.PDF[end:]...), nil
}

// SignPrepared makes the CMS signature of p with id's key: what the
// member's laptop does. It returns the CMS only; the document stays with
// the server.
func SignPrepared(p *Prepared, id *Identity) ([]byte, error) {
	if id == nil || id.Cert == nil || id.Key == nil {
		return nil, errors.New("no signing key and certificate were given")
	}
	part, err := p.SignedPart()
	if err != nil {
		return nil, err
	}
	return detachedCMS(part, id)
}

// Embed puts cms into p's placeholder and returns the signed PDF. It does
// not check the signature: the caller verifies the result.
func Embed(p *Prepared, cms []byte) ([]byte, error) {
	start, end, err := p.placeholder()
	if err != nil {
		return nil, err
	}
	room := (end - start - 2) / 2
	if len(cms) == 0 || len(cms) > room {
		return nil, fmt.Errorf("the signature sent is %d bytes; the document keeps room for 1 to %d", len(cms), room)
	}
	out := bytes.Clone(p.PDF)
	hex.Encode(out[start+1:], cms)
	return out, nil
}

// CheckAdded verifies signed, which adds one signature to a document that
// had signedBefore earlier ones, against root: every signature valid, the
// new one the last, covering the whole file, chaining to root and made
// with exactly the certificate want. It returns a sentence when not.
func CheckAdded(signed []byte, signedBefore int, root *x509.Certificate, want *x509.Certificate) error {
	r, err := Verify(signed, RootPool(root))
	if err != nil {
		return err
	}
	if len(r.Signatures) != signedBefore+1 {
		return fmt.Errorf("the signed document holds %d signatures where %d were expected", len(r.Signatures), signedBefore+1)
	}
	last := r.Signatures[len(r.Signatures)-1]
	switch {
	case !last.Valid:
		return fmt.Errorf("the signature does not match the document: %s", last.Problem)
	case last.Certificate == nil || !bytes.Equal(last.Certificate.Raw, want.Raw):
		return errors.New("the signature was made with another certificate than the signer's certificate on file")
	case !last.ChainsToRoot:
		return fmt.Errorf("the signer's certificate is not issued by the committee's root: %s", last.ChainProblem)
	case !last.CoversWholeFile:
		return errors.New("the signature does not cover the whole document")
	case !r.OK():
		return fmt.Errorf("the signed document does not verify: %s", joinReasons(r.Reasons()))
	}
	return nil
}

func joinReasons(rs []string) string {
	var b bytes.Buffer
	for i, s := range rs {
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString(s)
	}
	return b.String()
}

package cases

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"sync"
	"time"

	"ethicsdesk/signing"
)

// Signing with a key on the member's laptop, for the committee server:
// PrepareSignature checks every rule and the password (so a wrong one
// counts toward the lockout) and returns the document with the
// signature's placeholder; the laptop signs it with the member's key,
// which the server never holds; CompleteSignature checks the rules again
// and the signature (the member's certificate on file, issued by the
// committee's root) before anything is stored.

// SignaturePrep is a document prepared for one signature: the PDF with
// the placeholder of the signature and the byte range it covers.
type SignaturePrep struct {
	ID        string
	PDF       []byte
	ByteRange [4]int64
}

// HandedKey is a member's key as it moves to their laptop: sealed under
// their password, with their certificate and its issuers (DER).
type HandedKey struct {
	Sealed []byte
	Cert   []byte
	Chain  []byte // DER certificates, concatenated
}

// LaptopSigner prepares documents for signatures made elsewhere, checks
// them, and hands members' keys over to their laptops (issuing.Keyring).
type LaptopSigner interface {
	PrepareSignature(ctx context.Context, pdf []byte, req SignRequest) (*signing.Prepared, error)
	FinishSignature(ctx context.Context, p *signing.Prepared, signer User, signedBefore int, cms []byte) ([]byte, error)
	HandOverKey(ctx context.Context, member User) (HandedKey, error)
	ForgetSealedKey(ctx context.Context, member User, certSHA256 string) error
}

// ErrSignatureRefused is the start of the sentence refusing a signature
// from a laptop that does not check out.
var ErrSignatureRefused = errors.New("The committee server refused the signature and stored nothing")

// ErrSignatureNotWaiting is returned when the prepared document is no
// longer waiting for the signature.
var ErrSignatureNotWaiting = errors.New("The document prepared for your signature is no longer waiting for it (ten minutes passed, the server restarted, or the opinion changed). Sign again.")

// ErrKeyAlreadyMoved is returned when a member asks for a key that has
// already moved to a laptop.
var ErrKeyAlreadyMoved = errors.New("Your signing key has already moved to a laptop; the committee server keeps only its certificate. Copy the key file from that laptop, or ask the administrator to issue a new key.")

// PrepareWait is how long a prepared signature waits for the laptop.
const PrepareWait = 10 * time.Minute

type pendingSignature struct {
	turn     signingTurn
	prepared *signing.Prepared
	version  int
	signed   int // signatures on the document before this one
	expires  time.Time
}

type pendingSignatures struct {
	mu   sync.Mutex
	byID map[string]pendingSignature
}

func (p *pendingSignatures) put(ps pendingSignature, now time.Time) string {
	b := make([]byte, 16)
	rand.Read(b)
	id := hex.EncodeToString(b)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.byID == nil {
		p.byID = map[string]pendingSignature{}
	}
	for k, v := range p.byID {
		if now.After(v.expires) || (v.turn.actor.ID == ps.turn.actor.ID && v.turn.c.ID == ps.turn.c.ID) {
			delete(p.byID, k)
		}
	}
	p.byID[id] = ps
	return id
}

// take removes and returns the pending signature id of actor on case.
func (p *pendingSignatures) take(id string, actor User, caseID int64, now time.Time) (pendingSignature, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	ps, ok := p.byID[id]
	if !ok || ps.turn.actor.ID != actor.ID || ps.turn.c.ID != caseID {
		return pendingSignature{}, false
	}
	delete(p.byID, id)
	return ps, now.Before(ps.expires)
}

func (s *Service) laptopSigner() (LaptopSigner, error) {
	ls, ok := s.ports.Keys.(LaptopSigner)
	if !ok {
		return nil, ErrNotAvailable
	}
	return ls, nil
}

// PrepareSignature checks that actor may sign the case's opinion now, and
// their password, and prepares the document for their signature.
func (s *Service) PrepareSignature(ctx context.Context, actor User, caseID int64, password string) (SignaturePrep, error) {
	ls, err := s.laptopSigner()
	if err != nil {
		return SignaturePrep{}, err
	}
	turn, err := s.signingStep(ctx, actor, caseID, password, true)
	if err != nil {
		return SignaturePrep{}, err
	}
	pdf, req, err := s.signingDocument(ctx, &turn)
	if err != nil {
		return SignaturePrep{}, err
	}
	prepared, err := ls.PrepareSignature(ctx, pdf, req)
	if err != nil {
		return SignaturePrep{}, err
	}
	signed := 0
	if !turn.author {
		signed = 1
	}
	id := s.pending.put(pendingSignature{turn: turn, prepared: prepared, version: turn.op.Version, signed: signed,
		expires: s.now().Add(PrepareWait)}, s.now())
	return SignaturePrep{ID: id, PDF: prepared.PDF, ByteRange: prepared.ByteRange}, nil
}

// CompleteSignature takes the signature (CMS) actor's laptop made of the
// document prepared as prepID, checks the rules again and the signature,
// and stores the signed opinion.
func (s *Service) CompleteSignature(ctx context.Context, actor User, caseID int64, prepID string, cms []byte) (Opinion, error) {
	ls, err := s.laptopSigner()
	if err != nil {
		return Opinion{}, err
	}
	ps, ok := s.pending.take(prepID, actor, caseID, s.now())
	if !ok {
		return Opinion{}, ErrSignatureNotWaiting
	}
	turn, err := s.signingStep(ctx, actor, caseID, "", false)
	if err != nil {
		return Opinion{}, err
	}
	if turn.op.ID != ps.turn.op.ID || turn.op.State != ps.turn.op.State || turn.op.Version != ps.version || turn.author != ps.turn.author {
		return Opinion{}, ErrSignatureNotWaiting
	}
	signed, err := ls.FinishSignature(ctx, ps.prepared, actor, ps.signed, cms)
	if err != nil {
		return Opinion{}, err
	}
	// The signature is dated when it was prepared: that is the time the
	// document shows.
	turn.now, turn.layout = ps.turn.now, ps.turn.layout
	return s.recordSigning(ctx, turn, signed)
}

// HandOverSigningKey gives actor their sealed signing key, after checking
// their password (which counts toward the lockout), to keep on their
// laptop; the register keeps it until ConfirmKeyMoved.
func (s *Service) HandOverSigningKey(ctx context.Context, actor User, password string) (HandedKey, error) {
	ls, err := s.laptopSigner()
	if err != nil {
		return HandedKey{}, err
	}
	if err := s.checkSigningPassword(ctx, actor, password); err != nil {
		return HandedKey{}, err
	}
	return ls.HandOverKey(ctx, actor)
}

// ConfirmKeyMoved says actor's laptop has stored their key (the
// certificate's SHA-256 in hex): the register forgets the sealed key and
// keeps the certificate, and the audit trail records the move.
func (s *Service) ConfirmKeyMoved(ctx context.Context, actor User, certSHA256 string) error {
	ls, err := s.laptopSigner()
	if err != nil {
		return err
	}
	if !actor.Active {
		return &ForbiddenError{Action: "move a signing key"}
	}
	return ls.ForgetSealedKey(ctx, actor, certSHA256)
}

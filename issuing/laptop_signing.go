package issuing

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"

	"ethicsdesk/cases"
	"ethicsdesk/signing"
)

// Signing with a key kept on the member's laptop (the committee server):
// the keyring prepares the document and checks the signature the laptop
// made; it never sees the key. It implements cases.LaptopSigner.

// KeyMover is the part of the key store that forgets a sealed key once it
// has moved to its owner's laptop (package store).
type KeyMover interface {
	ForgetSealedKey(ctx context.Context, userID int64, cert []byte, audit cases.AuditEntry) error
}

// ErrKeyOnLaptop refuses to sign on the server with a key that has moved.
var ErrKeyOnLaptop = errors.New("Your signing key has moved to your laptop: sign there, connected to the committee server.")

// memberCertificate is the signer's certificate and issuers on file.
func (k Keyring) memberCertificate(ctx context.Context, userID int64) (*x509.Certificate, []*x509.Certificate, []byte, error) {
	der, chainDER, sealed, err := k.Keys.UserKey(ctx, userID)
	if errors.Is(err, cases.ErrNotFound) {
		return nil, nil, nil, cases.ErrNoSigningKey
	}
	if err != nil {
		return nil, nil, nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("your stored certificate is not readable: %w", err)
	}
	chain, err := x509.ParseCertificates(chainDER)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("your stored certificate chain is not readable: %w", err)
	}
	return cert, chain, sealed, nil
}

// PrepareSignature puts the placeholder of req's signature into pdf, for
// the signer's certificate on file.
func (k Keyring) PrepareSignature(ctx context.Context, pdf []byte, req cases.SignRequest) (*signing.Prepared, error) {
	cert, chain, _, err := k.memberCertificate(ctx, req.Signer.ID)
	if err != nil {
		return nil, err
	}
	name, _, _ := k.Keys.CommitteeLetterhead(ctx)
	return signing.PreparePDF(pdf, cert, chain, WithAppearanceFont(signing.SignatureInfo{
		Name: req.Signer.Name(), Reason: req.Meaning, Location: name, FieldName: req.FieldName,
		Page: req.Page, Rect: req.Rect, Time: req.Time}))
}

// FinishSignature puts cms into p and checks the result: every signature
// valid, the new one made with the signer's certificate on file, issued
// by the committee's root.
func (k Keyring) FinishSignature(ctx context.Context, p *signing.Prepared, signer cases.User, signedBefore int, cms []byte) ([]byte, error) {
	cert, _, _, err := k.memberCertificate(ctx, signer.ID)
	if err != nil {
		return nil, err
	}
	root, err := k.RootCertificate(ctx)
	if err != nil {
		return nil, err
	}
	signed, err := signing.Embed(p, cms)
	if err != nil {
		return nil, fmt.Errorf("%w: %v.", cases.ErrSignatureRefused, err)
	}
	if err := signing.CheckAdded(signed, signedBefore, root, cert); err != nil {
		return nil, fmt.Errorf("%w: %v.", cases.ErrSignatureRefused, err)
	}
	return signed, nil
}

// HandOverKey returns member's sealed key, certificate and issuers, to
// move to their laptop; nothing changes until ForgetSealedKey.
func (k Keyring) HandOverKey(ctx context.Context, member cases.User) (cases.HandedKey, error) {
	der, chainDER, sealed, err := k.Keys.UserKey(ctx, member.ID)
	if errors.Is(err, cases.ErrNotFound) {
		return cases.HandedKey{}, cases.ErrNoSigningKey
	}
	if err != nil {
		return cases.HandedKey{}, err
	}
	if len(sealed) == 0 {
		return cases.HandedKey{}, cases.ErrKeyAlreadyMoved
	}
	return cases.HandedKey{Sealed: sealed, Cert: der, Chain: chainDER}, nil
}

// ForgetSealedKey drops member's sealed key from the register once their
// laptop has stored it; certSHA256 names the certificate the laptop
// received, so a key issued in between is not dropped.
func (k Keyring) ForgetSealedKey(ctx context.Context, member cases.User, certSHA256 string) error {
	mover, ok := k.Keys.(KeyMover)
	if !ok {
		return cases.ErrNotAvailable
	}
	cert, _, sealed, err := k.memberCertificate(ctx, member.ID)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(cert.Raw)
	if !bytes.Equal([]byte(hex.EncodeToString(sum[:])), []byte(certSHA256)) {
		return errors.New("The signing key on file is not the one your laptop received (a new key was issued since): fetch it again.")
	}
	if len(sealed) == 0 {
		return nil
	}
	return mover.ForgetSealedKey(ctx, member.ID, cert.Raw, cases.AuditEntry{Actor: member, Action: "signing.key_moved_to_laptop",
		Entity: "user_key", After: map[string]any{"user": member.Username, "serial": cert.SerialNumber.String(),
			"certificate_sha256": certSHA256, "server_keeps": "certificate only"}})
}

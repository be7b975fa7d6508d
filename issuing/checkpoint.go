package issuing

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"

	"ethicsdesk/cases"
)

// checkpoint signs the audit log's current head with a key its owner has
// just unlocked (store.SaveAuditCheckpoint), so `check` can later prove the
// log was not rewritten up to that entry without that key.
func (k Keyring) checkpoint(ctx context.Context, reason string, who cases.User, cert *x509.Certificate, key crypto.Signer) error {
	switch cert.PublicKeyAlgorithm {
	case x509.ECDSA, x509.RSA:
	default:
		return nil // no checkpoint format for this kind of key
	}
	return k.Keys.SaveAuditCheckpoint(ctx, reason, who.ID, who.Name(), cert.Raw, func(msg []byte) ([]byte, error) {
		digest := sha256.Sum256(msg)
		return key.Sign(rand.Reader, digest[:], crypto.SHA256)
	})
}

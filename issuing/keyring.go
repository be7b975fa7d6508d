package issuing

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/signing"
)

// KeyStore keeps certificates and sealed keys (package store).
type KeyStore interface {
	SigningRoot(ctx context.Context) (cert, sealedKey []byte, err error)
	SaveSigningRoot(ctx context.Context, cert, sealedKey []byte, by string, audit cases.AuditEntry) error
	UserKey(ctx context.Context, userID int64) (cert, chain, sealedKey []byte, err error)
	SaveUserKey(ctx context.Context, userID int64, cert, chain, sealedKey []byte, source string, audit cases.AuditEntry) error
	CommitteeLetterhead(ctx context.Context) (name, address string, err error)
	// SaveAuditCheckpoint stores the audit head signed by sign (checkpoint.go).
	SaveAuditCheckpoint(ctx context.Context, reason string, signerID int64, signerName string, cert []byte,
		sign func(message []byte) ([]byte, error)) error
}

// Keyring makes, keeps and uses the committee's signing keys. Private keys
// are only ever stored sealed under their owner's password.
type Keyring struct {
	Keys KeyStore
	Now  func() time.Time
}

func (k Keyring) now() time.Time {
	if k.Now != nil {
		return k.Now()
	}
	return time.Now()
}

// ErrNoRoot is returned before the administrator has created the root.
var ErrNoRoot = errors.New("The committee has no root certificate yet: the administrator creates it once, in the settings.")

// CreateRoot makes the committee's root certificate, its key sealed under
// the administrator's password. There is only ever one.
func (k Keyring) CreateRoot(ctx context.Context, admin cases.User, adminPassword string) error {
	if !admin.Can(cases.ActIssueKeys) {
		return &cases.ForbiddenError{Action: "create the committee's root certificate"}
	}
	if _, _, err := k.Keys.SigningRoot(ctx); err == nil {
		return errors.New("The committee's root certificate already exists.")
	}
	name, _, _ := k.Keys.CommitteeLetterhead(ctx)
	root, err := signing.NewRoot(name+" Root CA", name, k.now())
	if err != nil {
		return err
	}
	sealed, err := signing.SealKey(root.Key, adminPassword)
	if err != nil {
		return err
	}
	return k.Keys.SaveSigningRoot(ctx, root.Cert.Raw, sealed, admin.Name(), cases.AuditEntry{Actor: admin,
		Action: "signing.create_root", Entity: "signing_root", EntityID: 1, After: map[string]any{"subject": root.Cert.Subject.String()}})
}

func (k Keyring) root(ctx context.Context) (*x509.Certificate, []byte, error) {
	der, sealed, err := k.Keys.SigningRoot(ctx)
	if errors.Is(err, cases.ErrNotFound) {
		return nil, nil, ErrNoRoot
	}
	if err != nil {
		return nil, nil, err
	}
	cert, err := x509.ParseCertificate(der)
	return cert, sealed, err
}

// IssueMemberKey gives a member a new ECDSA P-256 key and a certificate
// from the committee's root. The administrator unlocks the root with their
// password; the member's key is sealed under the member's password.
func (k Keyring) IssueMemberKey(ctx context.Context, admin cases.User, adminPassword string, member cases.User, memberPassword string) error {
	if !admin.Can(cases.ActIssueKeys) {
		return &cases.ForbiddenError{Action: "issue signing keys"}
	}
	rootCert, sealed, err := k.root(ctx)
	if err != nil {
		return err
	}
	rootKey, err := signing.OpenKey(sealed, adminPassword)
	if errors.Is(err, signing.ErrWrongPassword) {
		return cases.ErrSignPassword
	}
	if err != nil {
		return err
	}
	id, err := signing.IssueMember(&signing.Authority{Cert: rootCert, Key: rootKey}, member.Name(), roleTitle(member.Role), "", k.now())
	if err != nil {
		return err
	}
	if err := k.store(ctx, admin, member, id, memberPassword, "issued"); err != nil {
		return err
	}
	return k.checkpoint(ctx, "key issued to "+member.Username, admin, rootCert, rootKey)
}

// ImportPKCS12 stores a member's key and certificate from an institutional
// CA's PKCS#12 file, resealed under the member's password.
func (k Keyring) ImportPKCS12(ctx context.Context, member cases.User, p12 []byte, p12Password, memberPassword string) error {
	id, err := signing.ImportPKCS12(p12, p12Password)
	if err != nil {
		return err
	}
	return k.store(ctx, member, member, id, memberPassword, "pkcs12")
}

func (k Keyring) store(ctx context.Context, actor, member cases.User, id *signing.Identity, password, source string) error {
	sealed, err := signing.SealKey(id.Key, password)
	if err != nil {
		return err
	}
	var chain []byte
	for _, c := range id.Chain {
		chain = append(chain, c.Raw...)
	}
	return k.Keys.SaveUserKey(ctx, member.ID, id.Cert.Raw, chain, sealed, source, cases.AuditEntry{Actor: actor,
		Action: "signing.store_key", Entity: "user_key", After: map[string]any{"user": member.Username, "source": source,
			"subject": id.Cert.Subject.String(), "serial": id.Cert.SerialNumber.String()}})
}

// SignPDF implements cases.Signer with the signer's own sealed key.
func (k Keyring) SignPDF(ctx context.Context, pdf []byte, req cases.SignRequest) ([]byte, error) {
	der, chainDER, sealed, err := k.Keys.UserKey(ctx, req.Signer.ID)
	if errors.Is(err, cases.ErrNotFound) {
		return nil, cases.ErrNoSigningKey
	}
	if err != nil {
		return nil, err
	}
	if len(sealed) == 0 {
		return nil, ErrKeyOnLaptop
	}
	key, err := signing.OpenKey(sealed, req.Password)
	if errors.Is(err, signing.ErrWrongPassword) {
		return nil, cases.ErrSignPassword
	}
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("your stored certificate is not readable: %w", err)
	}
	chain, err := x509.ParseCertificates(chainDER)
	if err != nil {
		return nil, fmt.Errorf("your stored certificate chain is not readable: %w", err)
	}
	name, _, _ := k.Keys.CommitteeLetterhead(ctx)
	signed, err := signing.SignPDF(pdf, &signing.Identity{Cert: cert, Chain: chain, Key: key}, WithAppearanceFont(signing.SignatureInfo{
		Name: req.Signer.Name(), Reason: req.Meaning, Location: name, FieldName: req.FieldName,
		Page: req.Page, Rect: req.Rect, Time: req.Time}))
	if err != nil {
		return nil, err
	}
	if err := k.checkpoint(ctx, "opinion signed ("+req.Meaning+")", req.Signer, cert, key); err != nil {
		return nil, err
	}
	return signed, nil
}

// Roots is the pool of this committee's root, for verification.
func (k Keyring) Roots(ctx context.Context) (*x509.CertPool, error) {
	cert, _, err := k.root(ctx)
	if errors.Is(err, ErrNoRoot) {
		return x509.NewCertPool(), nil
	}
	if err != nil {
		return nil, err
	}
	return signing.RootPool(cert), nil
}

// RootCertificate is the committee's root certificate, which recipients
// install to trust its opinions; ErrNoRoot before the administrator has
// created it.
func (k Keyring) RootCertificate(ctx context.Context) (*x509.Certificate, error) {
	cert, _, err := k.root(ctx)
	return cert, err
}

// Verify checks every signature of a PDF against this committee's root
// and, when the key store is the register, against the opinions it issued.
func (k Keyring) Verify(ctx context.Context, pdf []byte) (*signing.Report, error) {
	root, err := k.RootCertificate(ctx)
	if errors.Is(err, ErrNoRoot) {
		return signing.Verify(pdf, nil)
	}
	if err != nil {
		return nil, err
	}
	lookup, _ := k.Keys.(cases.IssuedOpinionLookup) // the register is one; test doubles may not be
	return CheckFile(ctx, pdf, []*x509.Certificate{root}, root, lookup)
}

func roleTitle(r cases.Role) string {
	switch r {
	case cases.RoleChair:
		return "Chair"
	case cases.RoleSecretariat:
		return "Secretariat"
	case cases.RoleAdministrator:
		return "Administrator"
	}
	return "Member"
}

// ResealKey implements cases.KeyResealer: the member's key, opened with the
// old password and sealed again under the new one.
func (k Keyring) ResealKey(ctx context.Context, userID int64, oldPassword, newPassword string) ([]byte, error) {
	_, _, sealed, err := k.Keys.UserKey(ctx, userID)
	if errors.Is(err, cases.ErrNotFound) || (err == nil && len(sealed) == 0) {
		return nil, nil // no key, or it is on the member's laptop
	}
	if err != nil {
		return nil, err
	}
	key, err := signing.OpenKey(sealed, oldPassword)
	if errors.Is(err, signing.ErrWrongPassword) {
		return nil, errors.New("Your signing key does not open with your current password (it was issued under another one). Ask the administrator to issue you a new key; your password was not changed.")
	}
	if err != nil {
		return nil, err
	}
	return signing.SealKey(key, newPassword)
}

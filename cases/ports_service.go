package cases

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"time"

	"ethicsdesk/signing"
)

// The Service's calls that delegate to its Ports, each after the rule that
// governs it.

// MayBackup says whether actor may back the register up now: the
// secretariat and the administrator, who keep the register (a backup holds
// every case, confidential ones and submitters included, so other roles
// do not get one), when the program can back up.
func (s *Service) MayBackup(actor User) bool {
	return s.ports.Maintenance != nil && actor.Can(ActBackup)
}

// MayRestore says whether actor may replace the register by a backup now.
func (s *Service) MayRestore(actor User) bool {
	return s.ports.Maintenance != nil && actor.Can(ActRestore)
}

// Backup writes a checked copy of the register to path and describes it.
// Secretariat and administrator; *ForbiddenError for others,
// ErrNotAvailable without maintenance.
func (s *Service) Backup(ctx context.Context, actor User, path string) (string, error) {
	m, err := s.maintenance(actor, ActBackup)
	if err != nil {
		return "", err
	}
	return m.Backup(ctx, path)
}

// maintenance is the backup port for an actor allowed action a.
func (s *Service) maintenance(actor User, a Action) (Maintenance, error) {
	if err := require(actor, a); err != nil {
		return nil, err
	}
	if s.ports.Maintenance == nil {
		return nil, ErrNotAvailable
	}
	return s.ports.Maintenance, nil
}

// LatestBackup is the newest automatic backup ("" if none), where the
// restore dialog starts. Same roles as Restore.
func (s *Service) LatestBackup(actor User) (string, error) {
	m, err := s.maintenance(actor, ActRestore)
	if err != nil {
		return "", err
	}
	return m.LatestBackup()
}

// Restore replaces the register with the backup at path and restarts on
// it, returning where the replaced file was kept. Secretariat and
// administrator; *ForbiddenError for others, ErrNotAvailable without
// maintenance.
func (s *Service) Restore(ctx context.Context, actor User, path string) (string, error) {
	m, err := s.maintenance(actor, ActRestore)
	if err != nil {
		return "", err
	}
	return m.Restore(ctx, path)
}

// MayManageKeys says whether actor may open the signing keys: create the
// root, issue and import members' keys (the administrator).
func (s *Service) MayManageKeys(actor User) bool {
	return s.ports.Keys != nil && actor.Can(ActIssueKeys)
}

func (s *Service) keyring(actor User) (Keyring, error) {
	if err := require(actor, ActIssueKeys); err != nil {
		return nil, err
	}
	if s.ports.Keys == nil {
		return nil, ErrNotAvailable
	}
	return s.ports.Keys, nil
}

// CreateSigningRoot makes the committee's root certificate, its key
// sealed under the administrator's password. Administrator only
// (*ForbiddenError); an error if the root exists already.
func (s *Service) CreateSigningRoot(ctx context.Context, actor User, password string) error {
	k, err := s.keyring(actor)
	if err != nil {
		return err
	}
	return k.CreateRoot(ctx, actor, password)
}

// IssueSigningKey gives member a new key certified by the root, which the
// administrator unlocks with adminPassword; the key is sealed under the
// member's password. Administrator only (*ForbiddenError).
func (s *Service) IssueSigningKey(ctx context.Context, actor User, adminPassword string, member User, memberPassword string) error {
	k, err := s.keyring(actor)
	if err != nil {
		return err
	}
	return k.IssueMemberKey(ctx, actor, adminPassword, member, memberPassword)
}

// ImportSigningKey stores member's key and certificate from a PKCS#12
// file, resealed under the member's password. Administrator only
// (*ForbiddenError).
func (s *Service) ImportSigningKey(ctx context.Context, actor User, member User, p12 []byte, p12Password, memberPassword string) error {
	k, err := s.keyring(actor)
	if err != nil {
		return err
	}
	return k.ImportPKCS12(ctx, member, p12, p12Password, memberPassword)
}

// Certificate is what the window shows of a certificate: never the key.
type Certificate struct {
	Subject, Issuer     string // common names
	NotBefore, NotAfter time.Time
	// Readable is false when the stored certificate could not be parsed.
	Readable bool
}

// SigningKeys is who holds a signing key: the committee's root (nil before
// it is created) and each member's certificate by user id. It carries
// certificates only; sealed private keys never leave the store.
type SigningKeys struct {
	Root    *Certificate
	Members map[int64]Certificate
}

// SigningKeys lists the committee's root and members' certificates.
// Administrator only (*ForbiddenError).
func (s *Service) SigningKeys(ctx context.Context, actor User) (SigningKeys, error) {
	if err := require(actor, ActIssueKeys); err != nil {
		return SigningKeys{}, err
	}
	out := SigningKeys{Members: map[int64]Certificate{}}
	der, _, err := s.repo.SigningRoot(ctx)
	switch {
	case err == nil:
		c := certificateOf(der)
		out.Root = &c
	case !errors.Is(err, ErrNotFound):
		return SigningKeys{}, err
	}
	users, err := s.repo.Users(ctx)
	if err != nil {
		return SigningKeys{}, err
	}
	for _, u := range users {
		der, _, _, err := s.repo.UserKey(ctx, u.ID)
		switch {
		case err == nil:
			out.Members[u.ID] = certificateOf(der)
		case !errors.Is(err, ErrNotFound):
			return SigningKeys{}, err
		}
	}
	return out, nil
}

func certificateOf(der []byte) Certificate {
	c, err := x509.ParseCertificate(der)
	if err != nil {
		return Certificate{}
	}
	return Certificate{Subject: c.Subject.CommonName, Issuer: c.Issuer.CommonName,
		NotBefore: c.NotBefore, NotAfter: c.NotAfter, Readable: true}
}

// VerifyPDF checks every signature of a PDF against the committee's root
// (without it, against no root, so no signer is trusted). Anyone signed in
// may verify: it reads nothing of the register but the root certificate.
func (s *Service) VerifyPDF(ctx context.Context, actor User, pdf []byte) (*signing.Report, error) {
	if !actor.Active {
		return nil, &ForbiddenError{Action: "verify a signed PDF"}
	}
	if s.ports.Keys == nil {
		return signing.Verify(pdf, nil) // no root: the signers are unverified
	}
	return s.ports.Keys.Verify(ctx, pdf)
}

// CommitteeRoot is the committee's root certificate, which recipients of
// its opinions install to trust them. Anyone may read it: it is public.
// ErrNotAvailable without the keyring; an error when no root exists yet.
func (s *Service) CommitteeRoot(ctx context.Context) (*x509.Certificate, error) {
	if s.ports.Keys == nil {
		return nil, ErrNotAvailable
	}
	return s.ports.Keys.RootCertificate(ctx)
}

// MayWriteLetters says whether actor may print letters to submitters: the
// roles that see submitters' personal data, when letters can be printed.
func (s *Service) MayWriteLetters(actor User) bool {
	return s.ports.Documents != nil && actor.Can(ActViewSubmitter)
}

// Letter issues a letter to a case's submitter: it prints it and keeps it
// with the case (keepLetter), so callers ask only once the letter is being
// sent, not to preview it. Roles that see
// submitters (*ForbiddenError for others); an error naming the case when it
// was submitted anonymously.
func (s *Service) Letter(ctx context.Context, actor User, r LetterRequest) ([]byte, error) {
	if err := require(actor, ActViewSubmitter); err != nil {
		return nil, err
	}
	if s.ports.Documents == nil {
		return nil, ErrNotAvailable
	}
	if r.Case.ID == 0 {
		return nil, errors.New("A letter is written for a case: open the case first.")
	}
	c, err := s.GetCase(ctx, actor, r.Case.ID)
	if err != nil {
		return nil, err
	}
	pdf, err := s.ports.Documents.RenderLetter(r)
	if err != nil {
		return nil, err
	}
	if err := s.keepLetter(ctx, actor, c, r, pdf); err != nil {
		return nil, err
	}
	return pdf, nil
}

// AnnualReport writes the annual report of year as a PDF with the
// committee's letterhead, in language, or in the committee's language of
// documents when language is "". The roles that may read statistics
// (*ForbiddenError for others); ErrNotAvailable without a report writer;
// FieldErrors for an unknown language; the context's error when cancelled.
func (s *Service) AnnualReport(ctx context.Context, actor User, year int, language DocumentLanguage, progress func(done, total int)) ([]byte, error) {
	// The writer reads the figures through Statistics, which checks the
	// role too; checked here first so that no writer can skip it.
	if err := require(actor, ActViewRegister); err != nil {
		return nil, err
	}
	if s.ports.Reports == nil {
		return nil, ErrNotAvailable
	}
	if language != "" && !language.Valid() {
		return nil, FieldErrors{settingDocumentLanguage: fmt.Sprintf("%q is not a language documents can be printed in.", language)}
	}
	name, address, err := s.CommitteeLetterhead(ctx)
	if err != nil {
		return nil, err
	}
	if language == "" {
		if language, err = s.DocumentLanguage(ctx); err != nil {
			return nil, err
		}
	}
	return s.ports.Reports.AnnualReport(ctx, s, actor, year, name, address, language, progress)
}

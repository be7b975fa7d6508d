package cases

import (
	"context"
	"errors"
	"time"
)

// SignRequest asks for one digital signature on a PDF.
type SignRequest struct {
	Signer    User
	Password  string // unlocks the signer's sealed private key
	Meaning   string
	FieldName string
	Page      int
	Rect      [4]float64
	Time      time.Time
}

// Signer adds a digital signature to a PDF by incremental update, with the
// signer's own key (package signing, through an adapter that keeps keys).
type Signer interface {
	SignPDF(ctx context.Context, pdf []byte, req SignRequest) ([]byte, error)
}

// ErrSignPassword is returned when the password given at signing does not
// unlock the signer's key; nothing was signed.
var ErrSignPassword = errors.New("The password is not correct, so nothing was signed.")

// ErrNoSigningKey is returned when the signer has no signing key yet.
var ErrNoSigningKey = errors.New("You have no signing key yet. Ask the administrator to issue one, or import your certificate (PKCS#12).")

// KeyResealer re-encrypts a member's signing key under a new password, so
// that after a change of password the member still signs with the password
// they sign in with. It returns the new sealed key, or nil when the member
// has no key.
type KeyResealer interface {
	ResealKey(ctx context.Context, userID int64, oldPassword, newPassword string) ([]byte, error)
}

// PasswordKeyRepository stores a new password hash and the signing key
// resealed under it in one transaction, so the two never disagree.
type PasswordKeyRepository interface {
	SetPasswordAndKey(ctx context.Context, userID int64, hash string, sealedKey []byte, audit AuditEntry) error
}

// CaseMove is a status change made in the same transaction as another write.
type CaseMove struct {
	Case            *Case
	ExpectedVersion int64
	Change          *StatusChange
	Then            *StatusChange // a second move recorded after Change (into Follow-up), or nil
}

// OpinionRepository is the storage of opinions.
type OpinionRepository interface {
	// CurrentOpinion is the newest opinion of a case (a correction is newer
	// than what it corrects), or ErrNotFound.
	CurrentOpinion(ctx context.Context, caseID int64) (Opinion, error)
	IssuedOpinions(ctx context.Context, caseID int64) ([]Opinion, error)
	// SaveOpinionVersion stores a new draft version; it creates the opinion
	// when op.ID is 0 and refuses if the opinion is no longer a draft at
	// version expected.
	SaveOpinionVersion(ctx context.Context, op *Opinion, expected int, audit AuditEntry) error
	OpinionVersions(ctx context.Context, opinionID int64) ([]OpinionVersion, error)
	// RecordOpinionSignature stores the signed PDF and the signature,
	// moving the opinion from state from to state to, and applies move (if
	// any) in the same transaction.
	RecordOpinionSignature(ctx context.Context, opinionID int64, from, to OpinionState, pdf []byte, layout SignatureLayout,
		sig OpinionSignature, move *CaseMove, audit AuditEntry) error
	OpinionPDF(ctx context.Context, opinionID int64) (pdf []byte, sha256hex string, err error)
	AuditHead(ctx context.Context) (seq int64, hash string, err error)
}

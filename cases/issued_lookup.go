package cases

import (
	"context"
	"time"
)

// IssuedOpinionRecord is what the register holds of an issued opinion, for
// checking a file that claims to be it.
type IssuedOpinionRecord struct {
	OpinionID  int64
	Reference  string // the case's reference, EC-…
	IssuedAt   time.Time
	SHA256     string             // of the issued PDF, lowercase hex
	Signatures []OpinionSignature // in the order they were made
	PDF        []byte             // the issued file; only from IssuedOpinionsSignedAt
}

// IssuedOpinionLookup finds issued opinions from what a PDF carries, so that
// verifying a file can say which opinion it is, or what it is instead. Its
// methods may be called from several goroutines at once (verification
// looks the digest up while it checks the signatures).
type IssuedOpinionLookup interface {
	// IssuedOpinionBySHA256 is the issued opinion whose PDF has this
	// SHA-256 (lowercase hex), or ErrNotFound.
	IssuedOpinionBySHA256(ctx context.Context, sum string) (IssuedOpinionRecord, error)
	// IssuedOpinionsSignedAt lists the issued opinions (with their PDFs)
	// that hold a signature made within the second that begins at at: the
	// candidates a committee-signed file that matches no issued opinion
	// byte for byte was derived from.
	IssuedOpinionsSignedAt(ctx context.Context, at time.Time) ([]IssuedOpinionRecord, error)
}

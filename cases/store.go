package cases

import "context"

// Store is all the storage the Service needs, as one contract the compiler
// checks: package store asserts `var _ cases.Store = (*store.DB)(nil)`, so
// renaming a method on either side fails the build instead of failing in
// the window with "this register cannot …". Each part is a named contract
// declared beside the rules that use it.
//
// The Service's small accessors (accounts(), meetings(), panels() …) were
// run-time type assertions on the repository; they now return the Store
// itself and a nil error, kept so their call sites did not have to change.
type Store interface {
	Repository
	AccountRepository
	PasswordKeyRepository
	AttachmentRepository
	AuditRepository
	ExportRepository
	MeetingRepository
	PanelRepository
	RetentionRepository
	SearchRepository
	SimplifiedRepository
	StatsRepository
	LetterheadRepository
	OpinionRepository
	KeyRepository
}

// LetterheadRepository reads the committee's name and address printed on
// documents such as the annual report and the minutes.
type LetterheadRepository interface {
	CommitteeLetterhead(ctx context.Context) (name, address string, err error)
}

// KeyRepository reads the certificates of the committee's root and of a
// member (ErrNotFound when there is none). The sealed keys stored with them
// stay inside the Service: only certificates reach the window.
type KeyRepository interface {
	SigningRoot(ctx context.Context) (cert, sealedKey []byte, err error)
	UserKey(ctx context.Context, userID int64) (cert, chain, sealedKey []byte, err error)
}

package cases

import (
	"context"
	"crypto/x509"
	"errors"
	"time"

	"ethicsdesk/signing"
)

// Ports are the capabilities outside the domain that the Service delegates
// to, given once at wiring (the program builds them from package issuing,
// package report and the open register file). The window and the commands
// reach them only through the Service, which checks the rules first.
type Ports struct {
	// Documents prints opinions and letters (issuing.Renderer).
	Documents DocumentRenderer
	// Keys signs with members' keys, makes and imports keys and verifies
	// signed PDFs (issuing.Keyring).
	Keys Keyring
	// Reports writes the annual report (report.Annuals); nil: not offered.
	Reports AnnualReporter
	// Maintenance backs up and restores the register file; nil (the
	// command line, tests): not offered.
	Maintenance Maintenance
}

// SetPorts enables opinions, letters, keys, reports and backups; without
// them those calls say they are not available.
func (s *Service) SetPorts(p Ports) { s.ports = p }

// ErrNotAvailable is returned by a call whose capability this copy of the
// program was not given (see Ports).
var ErrNotAvailable = errors.New("This is not available in this copy of the program.")

// DocumentRenderer prints the committee's documents to PDF.
type DocumentRenderer interface {
	RenderOpinion(doc OpinionDocument) (pdf []byte, layout SignatureLayout, err error)
	RenderLetter(r LetterRequest) ([]byte, error)
}

// Keyring makes, keeps and uses the committee's signing keys. Private keys
// stay sealed under their owner's password inside it.
type Keyring interface {
	Signer
	KeyResealer
	CreateRoot(ctx context.Context, admin User, adminPassword string) error
	IssueMemberKey(ctx context.Context, admin User, adminPassword string, member User, memberPassword string) error
	ImportPKCS12(ctx context.Context, member User, p12 []byte, p12Password, memberPassword string) error
	// Verify checks every signature of a PDF against the committee's root
	// and the opinions the register issued.
	Verify(ctx context.Context, pdf []byte) (*signing.Report, error)
	// RootCertificate is the committee's root; an error when there is none.
	RootCertificate(ctx context.Context) (*x509.Certificate, error)
}

// AnnualReporter writes the annual report of year as a PDF in language,
// reading the figures through svc as actor (so the statistics' own rules
// apply).
type AnnualReporter interface {
	AnnualReport(ctx context.Context, svc *Service, actor User, year int, name, address string, language DocumentLanguage, progress func(done, total int)) ([]byte, error)
}

// Maintenance backs up and restores the open register file.
type Maintenance interface {
	// Backup writes a checked copy to path and describes the result. The
	// save dialog asked before replacing a file, but a register or a
	// backup is never replaced.
	Backup(ctx context.Context, path string) (string, error)
	// LatestBackup is the newest automatic backup, "" if none.
	LatestBackup() (string, error)
	// Restore replaces the register with the backup at path (after the
	// window closed the register) and reopens it; it returns where the
	// previous file was kept.
	Restore(ctx context.Context, path string) (string, error)
}

// LetterKind names the letters the secretariat sends to a submitter.
type LetterKind string

const (
	LetterAcknowledgement LetterKind = "acknowledgement"
	LetterRequestInfo     LetterKind = "request_information"
	LetterDecisionNotice  LetterKind = "decision_notice"
)

// LetterRequest is what a letter needs beyond the case.
type LetterRequest struct {
	Kind     LetterKind
	Case     Case // as the service returned it to the sender
	From     User // who signs the letter
	Date     time.Time
	Items    []string  // request for information: what is missing
	DueBy    time.Time // request for information: reply by
	Decision Decision  // decision notice
	IssuedOn time.Time // decision notice
	// Language of the letter; empty is English.
	Language DocumentLanguage
}

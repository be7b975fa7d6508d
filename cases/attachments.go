package cases

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"path"
	"strings"
	"time"
)

// Attachment is a file kept with a case (a PDF, an image, an e-mail…). The
// bytes are identified by their SHA-256 fingerprint, recorded when the file
// was added and checked again every time it is read.
type Attachment struct {
	ID          int64
	CaseID      int64
	FileName    string
	ContentType string
	Size        int64
	SHA256      string // hex
	AddedByID   int64
	AddedBy     string
	AddedAt     time.Time
}

// NewAttachment is a file the user is about to attach.
type NewAttachment struct {
	FileName    string
	ContentType string
	Data        []byte
}

// AttachmentUpload is one attachment as handed to the store: its record,
// its bytes and the audit entry written in the same transaction. The store
// fills in Meta.ID (and Meta.CaseID when the case is created with it).
type AttachmentUpload struct {
	Meta  Attachment
	Data  []byte
	Audit AuditEntry
	// SearchText, for a letter the committee issued, is what search finds
	// it by: its title and what it says beyond the letterhead. Uploads
	// have none (their bytes are not read for words).
	SearchText string
}

// AttachmentRepository is the storage attachments need. It is separate from
// Repository so that stores without attachments still satisfy the latter;
// the SQLite store implements both.
type AttachmentRepository interface {
	// AttachmentMaxBytes is the size limit setting.
	AttachmentMaxBytes(ctx context.Context) (int64, error)
	// AddAttachments stores every upload in one transaction, or none.
	AddAttachments(ctx context.Context, ups []*AttachmentUpload) error
	// CreateCaseWithAttachments is CreateCase and AddAttachments in one
	// transaction: an intake never leaves a case without its files.
	CreateCaseWithAttachments(ctx context.Context, c *Case, audit AuditEntry, ups []*AttachmentUpload) error
	// Attachments lists a case's attachments, oldest first.
	Attachments(ctx context.Context, caseID int64) ([]Attachment, error)
	// AttachmentData reads an attachment's record and stored bytes, as they
	// are; the Service checks them against the fingerprint.
	AttachmentData(ctx context.Context, id int64) (Attachment, []byte, error)
}

// DefaultAttachmentMaxBytes is the size limit when the setting is missing.
const DefaultAttachmentMaxBytes = 50 << 20

// MaxFileName is the longest attachment file name kept, in characters.
const MaxFileName = 255

// TooLargeError refuses a file above the size limit.
type TooLargeError struct {
	FileName string
	Size     int64
	Max      int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("The file %q is %s; attachments can be at most %s. Compress it or split it, or ask the administrator to raise the limit.",
		e.FileName, HumanSize(e.Size), HumanSize(e.Max))
}

// EmptyFileError refuses a file with no content, which is nearly always a
// file that was not saved or copied completely.
type EmptyFileError struct{ FileName string }

func (e *EmptyFileError) Error() string {
	return fmt.Sprintf("The file %q is empty, so it was not attached. Check that it was saved completely.", e.FileName)
}

// DamagedAttachmentError reports stored bytes that no longer match the
// fingerprint recorded when the file was added. The bytes are never handed
// out in that case.
type DamagedAttachmentError struct {
	FileName string
	Want     string
	Got      string
}

func (e *DamagedAttachmentError) Error() string {
	return fmt.Sprintf("The stored copy of %q is damaged: its fingerprint no longer matches the one recorded when it was added. Restore the register from a backup to recover it.", e.FileName)
}

// HumanSize writes a byte count as a person would say it (e.g. "2.4 MB").
func HumanSize(n int64) string {
	const unit = 1024
	switch {
	case n < unit:
		return fmt.Sprintf("%d bytes", n)
	case n < unit*unit:
		return fmt.Sprintf("%.1f KB", float64(n)/unit)
	case n < unit*unit*unit:
		return fmt.Sprintf("%.1f MB", float64(n)/(unit*unit))
	default:
		return fmt.Sprintf("%.1f GB", float64(n)/(unit*unit*unit))
	}
}

// Fingerprint is the hex SHA-256 of data, the key the bytes are stored under.
func Fingerprint(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// CleanFileName makes a user- or e-mail-supplied name safe to show and to
// write to a temporary folder: no folders (either slash), no control
// characters, not empty, not absurdly long (the extension is kept).
func CleanFileName(name string) string {
	name = CleanLine(name)
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Trim(name, " .")
	if name == "" {
		return "attachment"
	}
	if r := []rune(name); len(r) > MaxFileName {
		ext := []rune(path.Ext(name))
		if len(ext) > 20 {
			ext = nil
		}
		name = string(r[:MaxFileName-len(ext)]) + string(ext)
	}
	return name
}

// cleanContentType keeps a plausible MIME type, else guesses from the name.
func cleanContentType(ct, name string) string {
	ct = CleanLine(ct)
	if mt, _, err := mime.ParseMediaType(ct); err == nil && len(mt) <= 100 {
		return mt
	}
	if byExt := mime.TypeByExtension(strings.ToLower(path.Ext(name))); byExt != "" {
		if mt, _, err := mime.ParseMediaType(byExt); err == nil {
			return mt
		}
	}
	return "application/octet-stream"
}

func (s *Service) attachmentRepo() (AttachmentRepository, error) {
	return s.repo, nil
}

// prepareUploads cleans and checks files before anything is written, so a
// refused file never leaves the others half-attached.
func (s *Service) prepareUploads(ctx context.Context, ar AttachmentRepository, actor User, caseID int64, files []NewAttachment) ([]*AttachmentUpload, error) {
	if len(files) == 0 {
		return nil, nil
	}
	max, err := ar.AttachmentMaxBytes(ctx)
	if err != nil {
		return nil, err
	}
	if max <= 0 {
		max = DefaultAttachmentMaxBytes
	}
	now := s.now().UTC()
	ups := make([]*AttachmentUpload, 0, len(files))
	for _, f := range files {
		name := CleanFileName(f.FileName)
		size := int64(len(f.Data))
		switch {
		case size == 0:
			return nil, &EmptyFileError{FileName: name}
		case size > max:
			return nil, &TooLargeError{FileName: name, Size: size, Max: max}
		}
		meta := Attachment{CaseID: caseID, FileName: name, ContentType: cleanContentType(f.ContentType, name),
			Size: size, SHA256: Fingerprint(f.Data), AddedByID: actor.ID, AddedBy: actor.Name(), AddedAt: now}
		audit := AuditEntry{Actor: actor, Action: "attachment.add", Entity: "attachment",
			After: map[string]any{"case_id": caseID, "file_name": name, "content_type": meta.ContentType,
				"size": size, "sha256": meta.SHA256}}
		ups = append(ups, &AttachmentUpload{Meta: meta, Data: f.Data, Audit: audit})
	}
	return ups, nil
}

// AddAttachments attaches files to a case the actor may see and edit, all
// of them or none.
func (s *Service) AddAttachments(ctx context.Context, actor User, caseID int64, files []NewAttachment) ([]Attachment, error) {
	if err := require(actor, ActEditCase); err != nil {
		return nil, err
	}
	ar, err := s.attachmentRepo()
	if err != nil {
		return nil, err
	}
	// GetCase is the one place that decides whether actor may see the case;
	// attachments follow it, so they can never be more visible than the case.
	if _, err := s.GetCase(ctx, actor, caseID); err != nil {
		return nil, err
	}
	ups, err := s.prepareUploads(ctx, ar, actor, caseID, files)
	if err != nil || len(ups) == 0 {
		return nil, err
	}
	if err := ar.AddAttachments(ctx, ups); err != nil {
		return nil, err
	}
	out := make([]Attachment, len(ups))
	for i, u := range ups {
		out[i] = u.Meta
	}
	return out, nil
}

// AddAttachment attaches one file to a case.
func (s *Service) AddAttachment(ctx context.Context, actor User, caseID int64, name, contentType string, data []byte) (Attachment, error) {
	out, err := s.AddAttachments(ctx, actor, caseID, []NewAttachment{{FileName: name, ContentType: contentType, Data: data}})
	if err != nil {
		return Attachment{}, err
	}
	return out[0], nil
}

// Attachments lists the files of a case the actor may see.
func (s *Service) Attachments(ctx context.Context, actor User, caseID int64) ([]Attachment, error) {
	ar, err := s.attachmentRepo()
	if err != nil {
		return nil, err
	}
	if _, err := s.GetCase(ctx, actor, caseID); err != nil {
		return nil, err
	}
	return ar.Attachments(ctx, caseID)
}

// OpenAttachment returns an attachment's bytes after checking them against
// their fingerprint; damaged bytes are reported, never returned.
func (s *Service) OpenAttachment(ctx context.Context, actor User, id int64) ([]byte, Attachment, error) {
	ar, err := s.attachmentRepo()
	if err != nil {
		return nil, Attachment{}, err
	}
	meta, data, err := ar.AttachmentData(ctx, id)
	if err != nil {
		return nil, Attachment{}, err
	}
	if _, err := s.GetCase(ctx, actor, meta.CaseID); err != nil {
		if errors.Is(err, ErrNotFound) {
			return nil, Attachment{}, ErrNotFound
		}
		return nil, Attachment{}, err
	}
	if got := Fingerprint(data); got != meta.SHA256 || int64(len(data)) != meta.Size {
		return nil, meta, &DamagedAttachmentError{FileName: meta.FileName, Want: meta.SHA256, Got: got}
	}
	return data, meta, nil
}

// CreateCaseWithAttachments registers a new submission together with its
// files (an e-mail and what came with it) in one transaction: either the
// case exists with every file, or nothing was saved.
func (s *Service) CreateCaseWithAttachments(ctx context.Context, actor User, d Draft, files []NewAttachment) (Case, []Attachment, error) {
	if len(files) == 0 {
		c, err := s.CreateCase(ctx, actor, d)
		return c, nil, err
	}
	if err := require(actor, ActCreateCase); err != nil {
		return Case{}, nil, err
	}
	ar, err := s.attachmentRepo()
	if err != nil {
		return Case{}, nil, err
	}
	d, fe, err := s.ValidateDraft(ctx, d)
	if err != nil {
		return Case{}, nil, err
	}
	if fe != nil {
		return Case{}, nil, fe
	}
	ups, err := s.prepareUploads(ctx, ar, actor, 0, files)
	if err != nil {
		return Case{}, nil, err
	}
	now := s.now().UTC()
	c := Case{Draft: d, Status: Received, CreatedAt: now, CreatedBy: actor.Name(), UpdatedAt: now, UpdatedBy: actor.Name()}
	audit := AuditEntry{Actor: actor, Action: "case.create", Entity: "case", After: auditView(c)}
	if err := ar.CreateCaseWithAttachments(ctx, &c, audit, ups); err != nil {
		return Case{}, nil, err
	}
	out := make([]Attachment, len(ups))
	for i, u := range ups {
		out[i] = u.Meta
	}
	return c, out, nil
}

package cases

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// keepLetter stores an issued letter with its case, as one of the case's
// documents: its PDF bytes and SHA-256, who issued it and when, with a
// "letter.issue" audit entry in the same transaction. The case's
// documents list and timeline then show it.
func (s *Service) keepLetter(ctx context.Context, actor User, c Case, r LetterRequest, pdf []byte) error {
	kind := r.Kind
	if len(pdf) == 0 {
		return errors.New("The letter could not be written: the document came out empty.")
	}
	ar, err := s.attachmentRepo()
	if err != nil {
		return err
	}
	now := s.now().UTC()
	name := fmt.Sprintf("%s letter %s %s.pdf", c.Reference, strings.ReplaceAll(string(kind), "_", " "), DateOf(now.Local()).String())
	meta := Attachment{CaseID: c.ID, FileName: CleanFileName(name), ContentType: "application/pdf", Size: int64(len(pdf)),
		SHA256: Fingerprint(pdf), AddedByID: actor.ID, AddedBy: actor.Name(), AddedAt: now}
	audit := AuditEntry{Actor: actor, Action: "letter.issue", Entity: "attachment",
		After: map[string]any{"case_id": c.ID, "kind": kind, "file_name": meta.FileName, "size": meta.Size, "sha256": meta.SHA256}}
	return ar.AddAttachments(ctx, []*AttachmentUpload{{Meta: meta, Data: pdf, Audit: audit, SearchText: letterSearchText(r)}})
}

// letterTitles are the letters' titles in English and Chinese, as printed
// (opinion.LetterKind.Title): search finds a letter by either.
var letterTitles = map[LetterKind]string{
	LetterAcknowledgement: "Acknowledgement of receipt 受理回执",
	LetterRequestInfo:     "Request for information 补充材料通知",
	LetterDecisionNotice:  "Notice of decision 决定通知书",
}

// letterSearchText is what search finds a letter by: its title, the
// information it asks for and the decision it gives. The submitter's name
// and address are left out: search is open to members who may not read them.
func letterSearchText(r LetterRequest) string {
	parts := []string{letterTitles[r.Kind]}
	parts = append(parts, r.Items...)
	if r.Kind == LetterDecisionNotice {
		parts = append(parts, CodeLabel(string(r.Decision)))
	}
	return strings.TrimSpace(strings.Join(parts, "\n"))
}

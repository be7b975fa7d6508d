package cases

import (
	"context"
	"fmt"
	"sort"
)

// AddNote adds an internal note to a case; a private note is seen by its
// author only.
func (s *Service) AddNote(ctx context.Context, actor User, caseID int64, body string, private bool) (Note, error) {
	if err := require(actor, ActAddNote); err != nil {
		return Note{}, err
	}
	body = CleanText(body)
	if body == "" {
		return Note{}, FieldErrors{FieldNote: "Write the note first."}
	}
	if n := len([]rune(body)); n > MaxNote {
		return Note{}, FieldErrors{FieldNote: fmt.Sprintf("Too long: %d characters, at most %d.", n, MaxNote)}
	}
	if err := s.CheckCaseAccess(ctx, actor, caseID); err != nil {
		return Note{}, err
	}
	n := Note{CaseID: caseID, At: s.now().UTC(), AuthorID: actor.ID, Author: actor.Name(), Body: body, Private: private}
	audit := AuditEntry{Actor: actor, Action: "note.add", Entity: "note",
		After: map[string]any{"case_id": caseID, "private": private, "body": body}}
	if err := s.repo.AddNote(ctx, &n, audit); err != nil {
		return Note{}, err
	}
	return n, nil
}

// Timeline is the case's notes, status changes, documents and declarations
// of interest, newest first.
func (s *Service) Timeline(ctx context.Context, actor User, caseID int64) ([]TimelineEntry, error) {
	if err := s.CheckCaseAccess(ctx, actor, caseID); err != nil {
		return nil, err
	}
	notes, err := s.repo.Notes(ctx, caseID, actor.ID)
	if err != nil {
		return nil, err
	}
	changes, err := s.repo.StatusHistory(ctx, caseID)
	if err != nil {
		return nil, err
	}
	out := make([]TimelineEntry, 0, len(notes)+len(changes))
	for i := range notes {
		out = append(out, TimelineEntry{At: notes[i].At, Who: notes[i].Author, Note: &notes[i]})
	}
	// Newest first before the stable sort, so that two moves made at the
	// same instant (issue, then follow-up) show in the order they were made.
	for i := len(changes) - 1; i >= 0; i-- {
		out = append(out, TimelineEntry{At: changes[i].At, Who: changes[i].Actor, Change: &changes[i]})
	}
	// The case's documents (uploads and issued letters) and the panel's
	// declarations of interest are part of its story too.
	docs, err := s.repo.Attachments(ctx, caseID)
	if err != nil {
		return nil, err
	}
	for i := range docs {
		out = append(out, TimelineEntry{At: docs[i].AddedAt, Who: docs[i].AddedBy, Document: &docs[i]})
	}
	panel, err := s.repo.Panel(ctx, caseID)
	if err != nil {
		return nil, err
	}
	for i := range panel {
		if !panel[i].DeclaredAt.IsZero() {
			out = append(out, TimelineEntry{At: panel[i].DeclaredAt, Who: panel[i].Name, Declaration: &panel[i]})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.After(out[j].At) })
	return out, nil
}

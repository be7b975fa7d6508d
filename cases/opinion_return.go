package cases

import (
	"context"
	"fmt"
)

// MaxReturnReason bounds the reason the chair gives for returning a draft.
const MaxReturnReason = 2000

// OpinionReturn is the chair sending a draft the rapporteur signed back to
// them: the rapporteur's signature is voided, the draft becomes editable
// again as a new version, and a note on the case's timeline says who
// returned it and why.
type OpinionReturn struct {
	OpinionID int64
	CaseID    int64
	Reason    string
	Note      *Note // the timeline entry, written in the same transaction
}

// OpinionReturner stores a return; each write records its audit entry in
// the same transaction.
type OpinionReturner interface {
	ReturnOpinion(ctx context.Context, r OpinionReturn, audit AuditEntry) error
}

// ReturnOpinion lets the chair send an opinion the rapporteur has signed
// back to the rapporteur with a reason, instead of countersigning it.
func (s *Service) ReturnOpinion(ctx context.Context, actor User, caseID int64, reason string) (Opinion, error) {
	st, err := s.opinions()
	if err != nil {
		return Opinion{}, err
	}
	c, err := s.GetCase(ctx, actor, caseID)
	if err != nil {
		return Opinion{}, err
	}
	if err := s.RequireNoConflict(ctx, actor, caseID); err != nil {
		return Opinion{}, err
	}
	if !mayCountersign(actor) {
		return Opinion{}, &ForbiddenError{Action: "return an opinion to its rapporteur: only the chair can"}
	}
	op, err := st.CurrentOpinion(ctx, caseID)
	if err != nil {
		return Opinion{}, err
	}
	if op.State != OpinionSignedRapporteur {
		return Opinion{}, fmt.Errorf("Only an opinion the rapporteur has signed and the chair has not yet countersigned can be returned; the opinion of %s is not at that stage.", c.Reference)
	}
	reason = CleanText(reason)
	if reason == "" {
		return Opinion{}, FieldErrors{"return_reason": "Say why the opinion goes back to the rapporteur; the reason is kept on the case's record."}
	}
	if n := len([]rune(reason)); n > MaxReturnReason {
		return Opinion{}, FieldErrors{"return_reason": fmt.Sprintf("Too long: %d characters, at most %d.", n, MaxReturnReason)}
	}
	rr, ok := s.repo.(OpinionReturner)
	if !ok {
		return Opinion{}, fmt.Errorf("This register cannot record a returned opinion.")
	}
	now := s.now().UTC()
	var voided []map[string]any
	for _, sg := range op.Signatures {
		voided = append(voided, map[string]any{"user_id": sg.UserID, "name": sg.Name, "role": sg.Role, "signed_at": sg.SignedAt})
	}
	note := &Note{CaseID: caseID, At: now, AuthorID: actor.ID, Author: actor.Name(),
		Body: fmt.Sprintf("Opinion returned to the rapporteur (%s); their signature is void and a new version of the draft starts. Reason: %s", c.Rapporteur, reason)}
	audit := AuditEntry{Actor: actor, Action: "opinion.return", Entity: "opinion", EntityID: op.ID,
		Before: map[string]any{"state": op.State, "version": op.Version, "sha256": op.PDFSHA256, "signatures": voided},
		After:  map[string]any{"case_id": caseID, "state": OpinionDraft, "version": op.Version + 1, "reason": reason}}
	if err := rr.ReturnOpinion(ctx, OpinionReturn{OpinionID: op.ID, CaseID: caseID, Reason: reason, Note: note}, audit); err != nil {
		return Opinion{}, err
	}
	return st.CurrentOpinion(ctx, caseID)
}

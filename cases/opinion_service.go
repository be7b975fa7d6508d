package cases

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
)

var errNoPublishing = errors.New("Opinions are not available in this copy of the program.")

func (s *Service) opinions() (OpinionRepository, error) {
	if s.ports.Documents == nil {
		return nil, errNoPublishing
	}
	return s.repo, nil
}

// MaxParagraph is the longest paragraph, in characters.
const MaxParagraph = 20000

// Opinion returns the case's current opinion (ErrNotFound when none).
func (s *Service) Opinion(ctx context.Context, actor User, caseID int64) (Opinion, error) {
	st, err := s.opinions()
	if err != nil {
		return Opinion{}, err
	}
	if _, err := s.GetCase(ctx, actor, caseID); err != nil {
		return Opinion{}, err
	}
	return st.CurrentOpinion(ctx, caseID)
}

// OpinionVersions lists the saved drafts of the case's current opinion, newest first.
func (s *Service) OpinionVersions(ctx context.Context, actor User, caseID int64) ([]OpinionVersion, error) {
	op, err := s.Opinion(ctx, actor, caseID)
	if err != nil {
		return nil, err
	}
	return s.repo.OpinionVersions(ctx, op.ID)
}

// CanDraftOpinion says whether actor may write the case's opinion now.
func (s *Service) CanDraftOpinion(actor User, c Case, op Opinion) bool {
	return mayAuthorSign(actor, c, op)
}

// cleanOpinionText normalises a draft and checks it against the case type.
func cleanOpinionText(t OpinionText, ct CaseType, forSigning bool) (OpinionText, FieldErrors) {
	fe := FieldErrors{}
	ok := false
	for _, d := range DecisionsFor(ct) {
		ok = ok || d == t.Decision
	}
	if t.Decision != "" && !ok {
		fe["decision"] = fmt.Sprintf("This decision does not apply to a %s.", strings.ToLower(ct.Name))
	}
	var paras []Paragraph
	for i, p := range t.Paragraphs {
		p.Text = CleanText(p.Text)
		if HeadingLabel(p.Heading) == "" {
			fe[fmt.Sprintf("paragraph.%d", i)] = "Choose a heading for this paragraph."
		}
		if n := len([]rune(p.Text)); n > MaxParagraph {
			fe[fmt.Sprintf("paragraph.%d", i)] = fmt.Sprintf("Too long: %d characters, at most %d.", n, MaxParagraph)
		}
		if p.Text != "" {
			paras = append(paras, p)
		}
	}
	// Keep paragraphs grouped under their headings, in heading order, each
	// group in the order the rapporteur wrote it.
	var ordered []Paragraph
	for _, h := range AllHeadings {
		for _, p := range paras {
			if p.Heading == h {
				ordered = append(ordered, p)
			}
		}
	}
	t.Paragraphs = ordered
	if t.Language != "" && !t.Language.Valid() {
		fe["language"] = "Choose the language the opinion is printed in from the list."
	}
	if forSigning {
		if t.Decision == "" {
			fe["decision"] = "Choose the decision before signing."
		}
		if missing := MissingForSigning(t); len(missing) > 0 {
			fe["paragraphs"] = fmt.Sprintf("Before signing, write at least one paragraph under: %s.", strings.Join(missing, ", "))
		}
	}
	if len(fe) == 0 {
		return t, nil
	}
	return t, fe
}

// RequiredHeadings are the parts an opinion cannot be signed without.
var RequiredHeadings = []Heading{HeadBackground, HeadFindings, HeadReasoning, HeadDecision}

// MissingHeadings are the required parts that have no paragraph with
// text yet, in the order the opinion prints them.
func MissingHeadings(t OpinionText) []Heading {
	var missing []Heading
	for _, h := range RequiredHeadings {
		found := false
		for _, p := range t.Paragraphs {
			found = found || (p.Heading == h && strings.TrimSpace(p.Text) != "")
		}
		if !found {
			missing = append(missing, h)
		}
	}
	return missing
}

// MissingForSigning names the missing required parts, as people say them.
func MissingForSigning(t OpinionText) []string {
	var out []string
	for _, h := range MissingHeadings(t) {
		out = append(out, HeadingLabel(h))
	}
	return out
}

// SaveOpinionDraft stores a new version of the case's draft opinion.
// expected is the version the editor loaded (0 for a new opinion).
func (s *Service) SaveOpinionDraft(ctx context.Context, actor User, caseID int64, expected int, text OpinionText) (Opinion, error) {
	st, err := s.opinions()
	if err != nil {
		return Opinion{}, err
	}
	c, err := s.GetCase(ctx, actor, caseID)
	if err != nil {
		return Opinion{}, err
	}
	op, err := st.CurrentOpinion(ctx, caseID)
	if errors.Is(err, ErrNotFound) {
		op, err = Opinion{CaseID: caseID, State: OpinionDraft}, nil
	}
	if err != nil {
		return Opinion{}, err
	}
	if op.State != OpinionDraft {
		return Opinion{}, fmt.Errorf("The opinion of %s has been signed and can no longer be edited; a change needs a correction.", c.Reference)
	}
	if !s.CanDraftOpinion(actor, c, op) {
		return Opinion{}, &ForbiddenError{Action: "draft this opinion: only the case's rapporteur drafts it, while the case is in opinion drafting"}
	}
	ref, err := s.Reference(ctx)
	if err != nil {
		return Opinion{}, err
	}
	text, fe := cleanOpinionText(text, ref.Types[c.TypeCode], false)
	if fe != nil {
		return Opinion{}, fe
	}
	op.Text = text
	op.UpdatedAt, op.UpdatedBy = s.now().UTC(), actor.Name()
	audit := AuditEntry{Actor: actor, Action: "opinion.save_draft", Entity: "opinion", EntityID: op.ID,
		After: map[string]any{"case_id": caseID, "version": expected + 1, "decision": text.Decision, "paragraphs": len(text.Paragraphs), "language": text.Language}}
	if err := st.SaveOpinionVersion(ctx, &op, expected, audit); err != nil {
		return Opinion{}, err
	}
	return op, nil
}

// StartCorrection opens a new draft that corrects the case's issued
// opinion, starting from its text; the issued one stays as it was.
func (s *Service) StartCorrection(ctx context.Context, actor User, caseID int64) (Opinion, error) {
	st, err := s.opinions()
	if err != nil {
		return Opinion{}, err
	}
	c, err := s.GetCase(ctx, actor, caseID)
	if err != nil {
		return Opinion{}, err
	}
	cur, err := st.CurrentOpinion(ctx, caseID)
	if err != nil {
		return Opinion{}, err
	}
	if cur.State != OpinionIssuedState {
		return Opinion{}, fmt.Errorf("Case %s has no issued opinion to correct.", c.Reference)
	}
	if c.RapporteurID != actor.ID {
		return Opinion{}, &ForbiddenError{Action: "start a correction: only the case's rapporteur can"}
	}
	op := Opinion{CaseID: caseID, CorrectsID: cur.ID, State: OpinionDraft, Text: cur.Text,
		UpdatedAt: s.now().UTC(), UpdatedBy: actor.Name()}
	audit := AuditEntry{Actor: actor, Action: "opinion.start_correction", Entity: "opinion",
		After: map[string]any{"case_id": caseID, "corrects": cur.ID}}
	if err := st.SaveOpinionVersion(ctx, &op, 0, audit); err != nil {
		return Opinion{}, err
	}
	return op, nil
}

// document assembles what the renderer prints for op.
func (s *Service) document(ctx context.Context, c Case, op Opinion, draft bool) (OpinionDocument, error) {
	ref, err := s.Reference(ctx)
	if err != nil {
		return OpinionDocument{}, err
	}
	if c.Submitter, err = s.opinionSubmitter(ctx, c.ID); err != nil {
		return OpinionDocument{}, err
	}
	doc := OpinionDocument{Case: c, TypeName: ref.Types[c.TypeCode].Name, Opinion: op, Draft: draft,
		Language: s.documentLanguage(ctx, op)}
	ch, err := s.countersignatory(ctx, c)
	if err != nil {
		return doc, err
	}
	rapp := Signatory{Name: c.Rapporteur, Role: "Rapporteur", Meaning: MeaningAuthor}
	for _, sg := range op.Signatures {
		if sg.Role == SignRapporteur {
			rapp.Name, rapp.SignedAt = sg.Name, sg.SignedAt
		} else {
			ch.Name, ch.SignedAt = sg.Name, sg.SignedAt
		}
	}
	doc.Signatories = []Signatory{rapp, ch}
	if op.CorrectsID != 0 {
		doc.CorrectsRef = fmt.Sprintf("%s (opinion no. %d)", c.Reference, op.CorrectsID)
	}
	doc.AuditSeq, doc.AuditHash, err = s.repo.AuditHead(ctx)
	return doc, err
}

// chair is the committee's chair, who countersigns (the first active one).
func (s *Service) chair(ctx context.Context) (User, error) {
	users, err := s.repo.Users(ctx)
	if err != nil {
		return User{}, err
	}
	for _, u := range users {
		if u.Active && u.Role == RoleChair {
			return u, nil
		}
	}
	return User{DisplayName: "(no chair appointed)"}, nil
}

// PreviewOpinion renders the current opinion as it stands, marked as a draft
// until it is issued.
func (s *Service) PreviewOpinion(ctx context.Context, actor User, caseID int64) ([]byte, error) {
	op, err := s.Opinion(ctx, actor, caseID)
	if err != nil {
		return nil, err
	}
	if op.State != OpinionDraft {
		pdf, _, err := s.repo.OpinionPDF(ctx, op.ID)
		return pdf, err
	}
	c, err := s.GetCase(ctx, actor, caseID)
	if err != nil {
		return nil, err
	}
	doc, err := s.document(ctx, c, op, true)
	if err != nil {
		return nil, err
	}
	pdf, _, err := s.ports.Documents.RenderOpinion(doc)
	return pdf, err
}

// SignOpinion signs the case's opinion as the rapporteur (author) or, once
// the rapporteur has signed, as the chair (approval), which issues it. The
// password is re-entered at the moment of signing.
func (s *Service) SignOpinion(ctx context.Context, actor User, caseID int64, password string) (Opinion, error) {
	st, err := s.opinions()
	if err != nil {
		return Opinion{}, err
	}
	if s.ports.Documents == nil || s.ports.Keys == nil {
		return Opinion{}, errNoPublishing
	}
	c, err := s.GetCase(ctx, actor, caseID)
	if err != nil {
		return Opinion{}, err
	}
	// A recused member never signs, whatever their role.
	if err := s.RequireNoConflict(ctx, actor, caseID); err != nil {
		return Opinion{}, err
	}
	op, err := st.CurrentOpinion(ctx, caseID)
	if err != nil {
		return Opinion{}, err
	}
	now := s.now().UTC()
	switch op.State {
	case OpinionDraft:
		return s.signAsRapporteur(ctx, actor, c, op, password, now)
	case OpinionSignedRapporteur:
		return s.countersign(ctx, actor, c, op, password, now)
	}
	return Opinion{}, fmt.Errorf("The opinion of %s has already been issued.", c.Reference)
}

func (s *Service) signAsRapporteur(ctx context.Context, actor User, c Case, op Opinion, password string, now time.Time) (Opinion, error) {
	if !actor.Active || c.RapporteurID != actor.ID {
		return Opinion{}, &ForbiddenError{Action: "sign this opinion as its author: only the case's rapporteur can"}
	}
	if c.Status != OpinionDrafting && op.CorrectsID == 0 {
		return Opinion{}, fmt.Errorf("Case %s is %s; an opinion is signed in opinion drafting.", c.Reference, StatusLabel(c.Status))
	}
	ref, err := s.Reference(ctx)
	if err != nil {
		return Opinion{}, err
	}
	if _, fe := cleanOpinionText(op.Text, ref.Types[c.TypeCode], true); fe != nil {
		return Opinion{}, fe
	}
	sig := OpinionSignature{UserID: actor.ID, Name: actor.Name(), Role: SignRapporteur, Meaning: MeaningAuthor, SignedAt: now}
	op.Signatures = []OpinionSignature{sig}
	doc, err := s.document(ctx, c, op, false)
	if err != nil {
		return Opinion{}, err
	}
	if err := s.checkSigningPassword(ctx, actor, password); err != nil {
		return Opinion{}, err
	}
	pdf, layout, err := s.ports.Documents.RenderOpinion(doc)
	if err != nil {
		return Opinion{}, fmt.Errorf("The opinion could not be rendered: %w", err)
	}
	signed, err := s.ports.Keys.SignPDF(ctx, pdf, SignRequest{Signer: actor, Password: password, Meaning: MeaningAuthor,
		FieldName: "Rapporteur", Page: layout.Page, Rect: rectAt(layout, 0), Time: now})
	if err != nil {
		return Opinion{}, err
	}
	audit := AuditEntry{Actor: actor, Action: "opinion.sign", Entity: "opinion", EntityID: op.ID,
		After: map[string]any{"case_id": c.ID, "meaning": MeaningAuthor, "sha256": sha256hex(signed)}}
	if err := s.repo.RecordOpinionSignature(ctx, op.ID, OpinionDraft, OpinionSignedRapporteur, signed, layout, sig, nil, audit); err != nil {
		return Opinion{}, err
	}
	return s.repo.CurrentOpinion(ctx, c.ID)
}

func (s *Service) countersign(ctx context.Context, actor User, c Case, op Opinion, password string, now time.Time) (Opinion, error) {
	if err := s.countersignRefusal(ctx, actor, op); err != nil {
		return Opinion{}, err
	}
	if err := s.checkSigningPassword(ctx, actor, password); err != nil {
		return Opinion{}, err
	}
	// A draft signed before this rule existed may still be empty.
	ref, err := s.Reference(ctx)
	if err != nil {
		return Opinion{}, err
	}
	if _, fe := cleanOpinionText(op.Text, ref.Types[c.TypeCode], true); fe != nil {
		return Opinion{}, fe
	}
	pdf, _, err := s.repo.OpinionPDF(ctx, op.ID)
	if err != nil {
		return Opinion{}, err
	}
	signed, err := s.ports.Keys.SignPDF(ctx, pdf, SignRequest{Signer: actor, Password: password, Meaning: MeaningApproval,
		FieldName: "Chair", Page: op.Layout.Page, Rect: rectAt(op.Layout, 1), Time: now})
	if err != nil {
		return Opinion{}, err
	}
	sig := OpinionSignature{UserID: actor.ID, Name: actor.Name(), Role: SignChair, Meaning: MeaningApproval, SignedAt: now}
	var move *CaseMove
	if op.CorrectsID == 0 && c.Status == OpinionDrafting {
		moved := c
		moved.Status = OpinionIssued
		moved.UpdatedAt, moved.UpdatedBy = now, actor.Name()
		ch := &StatusChange{CaseID: c.ID, At: now, ActorID: actor.ID, Actor: actor.Name(), From: c.Status, To: OpinionIssued,
			Reason: "Opinion signed by the rapporteur and countersigned by the chair."}
		var then *StatusChange
		if SetsFollowUp(op.Text) {
			moved.Status = FollowUp
			then = &StatusChange{CaseID: c.ID, At: now, ActorID: actor.ID, Actor: actor.Name(), From: OpinionIssued, To: FollowUp,
				Reason: fmt.Sprintf("The opinion sets recommendations or conditions: their follow-up review is due within %d months.", FollowUpMonths)}
		}
		if err := s.refreshDeadline(ctx, &moved, ch, then); err != nil {
			return Opinion{}, err
		}
		move = &CaseMove{Case: &moved, ExpectedVersion: c.Version, Change: ch, Then: then}
	}
	audit := AuditEntry{Actor: actor, Action: "opinion.issue", Entity: "opinion", EntityID: op.ID,
		After: map[string]any{"case_id": c.ID, "meaning": MeaningApproval, "sha256": sha256hex(signed)}}
	if err := s.repo.RecordOpinionSignature(ctx, op.ID, OpinionSignedRapporteur, OpinionIssuedState, signed, op.Layout, sig, move, audit); err != nil {
		return Opinion{}, err
	}
	return s.repo.CurrentOpinion(ctx, c.ID)
}

// IssuedOpinionPDF returns the exact bytes of the case's newest issued
// opinion, after checking them against the fingerprint stored at issue.
func (s *Service) IssuedOpinionPDF(ctx context.Context, actor User, caseID int64) ([]byte, Opinion, error) {
	st, err := s.opinions()
	if err != nil {
		return nil, Opinion{}, err
	}
	if _, err := s.GetCase(ctx, actor, caseID); err != nil {
		return nil, Opinion{}, err
	}
	issued, err := st.IssuedOpinions(ctx, caseID)
	if err != nil {
		return nil, Opinion{}, err
	}
	if len(issued) == 0 {
		return nil, Opinion{}, ErrNotFound
	}
	op := issued[len(issued)-1]
	pdf, sum, err := st.OpinionPDF(ctx, op.ID)
	if err != nil {
		return nil, op, err
	}
	if sha256hex(pdf) != sum {
		return nil, op, fmt.Errorf("The stored copy of this opinion is damaged: its fingerprint no longer matches the one recorded when it was issued. Restore the register from a backup.")
	}
	return pdf, op, nil
}

func rectAt(l SignatureLayout, i int) [4]float64 {
	if i < len(l.Rects) {
		return l.Rects[i]
	}
	return [4]float64{}
}

func sha256hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

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
		fe["decision"] = "This decision does not apply to a " + strings.ToLower(ct.Name) + "."
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
			fe["paragraphs"] = "Before signing, write at least one paragraph under: " + strings.Join(missing, ", ") + "."
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
	if doc.Duties, err = s.dutyChecks(ctx, c); err != nil && !errors.Is(err, ErrNotAvailable) {
		return doc, err
	}
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
	step, err := s.signingStep(ctx, actor, caseID, password, true)
	if err != nil {
		return Opinion{}, err
	}
	pdf, req, err := s.signingDocument(ctx, &step)
	if err != nil {
		return Opinion{}, err
	}
	req.Password = password
	signed, err := s.ports.Keys.SignPDF(ctx, pdf, req)
	if err != nil {
		return Opinion{}, err
	}
	return s.recordSigning(ctx, step, signed)
}

// signingTurn is one signature about to be made: who signs which opinion, as
// its author (the rapporteur) or countersigning (the chair).
type signingTurn struct {
	actor  User
	c      Case
	op     Opinion
	author bool
	now    time.Time
	layout SignatureLayout // where the widgets are, once the document is rendered
}

// signingStep checks every rule of signing the case's opinion now and,
// with checkPassword, the signer's password (which counts toward the
// lockout); without, for a signature whose password was checked when it
// was prepared (laptop_signing.go).
func (s *Service) signingStep(ctx context.Context, actor User, caseID int64, password string, checkPassword bool) (signingTurn, error) {
	st, err := s.opinions()
	if err != nil {
		return signingTurn{}, err
	}
	if s.ports.Documents == nil || s.ports.Keys == nil {
		return signingTurn{}, errNoPublishing
	}
	c, err := s.GetCase(ctx, actor, caseID)
	if err != nil {
		return signingTurn{}, err
	}
	// A recused member never signs, whatever their role.
	if err := s.RequireNoConflict(ctx, actor, caseID); err != nil {
		return signingTurn{}, err
	}
	op, err := st.CurrentOpinion(ctx, caseID)
	if err != nil {
		return signingTurn{}, err
	}
	step := signingTurn{actor: actor, c: c, op: op, now: s.now().UTC()}
	switch op.State {
	case OpinionDraft:
		step.author = true
		if !actor.Active || c.RapporteurID != actor.ID {
			return signingTurn{}, &ForbiddenError{Action: "sign this opinion as its author: only the case's rapporteur can"}
		}
		if c.Status != OpinionDrafting && op.CorrectsID == 0 {
			return signingTurn{}, fmt.Errorf("Case %s is %s; an opinion is signed in opinion drafting.", c.Reference, StatusLabel(c.Status))
		}
	case OpinionSignedRapporteur:
		if err := s.countersignRefusal(ctx, actor, op); err != nil {
			return signingTurn{}, err
		}
	default:
		return signingTurn{}, fmt.Errorf("The opinion of %s has already been issued.", c.Reference)
	}
	if step.author {
		if err := s.checkSignableText(ctx, c, op); err != nil {
			return signingTurn{}, err
		}
	}
	if checkPassword {
		if err := s.checkSigningPassword(ctx, actor, password); err != nil {
			return signingTurn{}, err
		}
	}
	// A draft signed before this rule existed may still be empty.
	if !step.author {
		if err := s.checkSignableText(ctx, c, op); err != nil {
			return signingTurn{}, err
		}
	}
	return step, nil
}

// checkSignableText refuses an opinion without a decision or a required part.
func (s *Service) checkSignableText(ctx context.Context, c Case, op Opinion) error {
	ref, err := s.Reference(ctx)
	if err != nil {
		return err
	}
	if _, fe := cleanOpinionText(op.Text, ref.Types[c.TypeCode], true); fe != nil {
		return fe
	}
	return nil
}

// signingDocument is the PDF the step's signature goes on, and the
// request for it (without the password): the rendered opinion for the
// author, the author-signed PDF for the countersignature.
func (s *Service) signingDocument(ctx context.Context, step *signingTurn) ([]byte, SignRequest, error) {
	if !step.author {
		pdf, _, err := s.repo.OpinionPDF(ctx, step.op.ID)
		step.layout = step.op.Layout
		return pdf, SignRequest{Signer: step.actor, Meaning: MeaningApproval, FieldName: "Chair",
			Page: step.op.Layout.Page, Rect: rectAt(step.op.Layout, 1), Time: step.now}, err
	}
	op := step.op
	op.Signatures = []OpinionSignature{step.signature()}
	doc, err := s.document(ctx, step.c, op, false)
	if err != nil {
		return nil, SignRequest{}, err
	}
	pdf, layout, err := s.ports.Documents.RenderOpinion(doc)
	if err != nil {
		return nil, SignRequest{}, fmt.Errorf("The opinion could not be rendered: %w", err)
	}
	step.layout = layout
	return pdf, SignRequest{Signer: step.actor, Meaning: MeaningAuthor, FieldName: "Rapporteur",
		Page: layout.Page, Rect: rectAt(layout, 0), Time: step.now}, nil
}

func (step *signingTurn) signature() OpinionSignature {
	if step.author {
		return OpinionSignature{UserID: step.actor.ID, Name: step.actor.Name(), Role: SignRapporteur, Meaning: MeaningAuthor, SignedAt: step.now}
	}
	return OpinionSignature{UserID: step.actor.ID, Name: step.actor.Name(), Role: SignChair, Meaning: MeaningApproval, SignedAt: step.now}
}

// recordSigning stores the signed PDF: the author's signature, or the
// countersignature that issues the opinion and moves the case on.
func (s *Service) recordSigning(ctx context.Context, step signingTurn, signed []byte) (Opinion, error) {
	actor, c, op, now := step.actor, step.c, step.op, step.now
	sig := step.signature()
	if step.author {
		audit := AuditEntry{Actor: actor, Action: "opinion.sign", Entity: "opinion", EntityID: op.ID,
			After: map[string]any{"case_id": c.ID, "meaning": MeaningAuthor, "sha256": sha256hex(signed)}}
		if err := s.repo.RecordOpinionSignature(ctx, op.ID, OpinionDraft, OpinionSignedRapporteur, signed, step.layout, sig, nil, audit); err != nil {
			return Opinion{}, err
		}
		return s.repo.CurrentOpinion(ctx, c.ID)
	}
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

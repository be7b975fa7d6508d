package cases

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Conflict is a panel member's declaration of interests for one case.
type Conflict string

const (
	Undeclared       Conflict = ""         // not declared yet: only the summary is open
	NoConflict       Conflict = "none"     // declared no conflict: the case is open to them
	ConflictDeclared Conflict = "declared" // recused: no details, no vote, no signature
)

// MaxConflictReason bounds the reason given for a recusal.
const MaxConflictReason = 500

// PanelMember is one member of a case's panel and their declaration.
type PanelMember struct {
	CaseID     int64
	UserID     int64
	Name       string
	Role       Role
	Conflict   Conflict
	Reason     string // why they are recused; empty otherwise
	DeclaredAt time.Time
	Rapporteur bool
	// Appointed is true for the panel the secretariat formed (added,
	// made rapporteur, designated for the simplified procedure); false
	// for a member or the chair who declared only to read an open case.
	Appointed bool
}

// Recused is true once the member declared a conflict.
func (p PanelMember) Recused() bool { return p.Conflict == ConflictDeclared }

// PanelRepository stores panels and declarations; each write records its
// audit entry in the same transaction.
type PanelRepository interface {
	// Panel lists every declaration kept with a case, the appointed
	// panel's and readers' (PanelMember.Appointed), rapporteur first,
	// then by name.
	Panel(ctx context.Context, caseID int64) ([]PanelMember, error)
	// PanelConflicts maps case id to the user's declaration, for every
	// case whose panel the user is on or that they declared for as a
	// reader (a confidential case the store's visibility leaves out).
	PanelConflicts(ctx context.Context, userID int64) (map[int64]Conflict, error)
	// AddPanelMember appoints the user to the panel, keeping the
	// declaration they made as a reader if any.
	AddPanelMember(ctx context.Context, caseID, userID int64, audit AuditEntry) error
	RemovePanelMember(ctx context.Context, caseID, userID int64, audit AuditEntry) error
	// SetRapporteur makes u the case's rapporteur (appointing them to the
	// panel if needed, keeping their declaration) and bumps the case's
	// version.
	SetRapporteur(ctx context.Context, caseID int64, u User, audit AuditEntry) error
	// DeclareInterest records a declaration; a user without a row gets
	// one, appointed as given (a rapporteur without one is, a reader is
	// not), and an existing row keeps whether it was appointed.
	// clearRapporteur also removes them as the case's rapporteur, in the
	// same transaction.
	DeclareInterest(ctx context.Context, caseID, userID int64, c Conflict, reason string, at time.Time, appointed, clearRapporteur bool, audit AuditEntry) error
}

func (s *Service) panels() (PanelRepository, error) {
	return s.repo, nil
}

// InterestError refuses the details of a case to a panel member who has not
// declared "no conflict": they see only its summary (reference, type and
// respondent), carried here so the window can still show it and offer the
// declaration.
type InterestError struct {
	Summary  Case
	Recused  bool
	Reason   string
	OffPanel bool // a member outside the panel, who declares all the same
}

func (e *InterestError) Error() string {
	if e.OffPanel {
		return fmt.Sprintf("Declare your interests first: the details of case %s open, and your vote on it counts, once you declare that you have no conflict of interest.", e.Summary.Reference)
	}
	if e.Recused {
		return fmt.Sprintf("You declared a conflict of interest for case %s, so its details, notes, votes and signatures are closed to you.", e.Summary.Reference)
	}
	return fmt.Sprintf("Declare your interests first: you are on the panel of case %s, and its details open once you declare that you have no conflict of interest.", e.Summary.Reference)
}

// summaryOf is the part of a case an undeclared or recused panel member sees.
func summaryOf(c Case) Case {
	return Case{ID: c.ID, Reference: c.Reference, Draft: Draft{TypeCode: c.TypeCode, Respondent: c.Respondent, Confidential: c.Confidential}}
}

// declaration is actor's entry for c: ok is false when the actor neither
// declared for it nor is its rapporteur. p.Appointed tells the appointed
// panel (the rapporteur included) from a reader who only declared.
func (s *Service) declaration(ctx context.Context, actor User, c Case) (PanelMember, bool, error) {
	pr, err := s.panels()
	if err != nil {
		return PanelMember{}, false, err
	}
	panel, err := pr.Panel(ctx, c.ID)
	if err != nil {
		return PanelMember{}, false, err
	}
	for _, p := range panel {
		if p.UserID == actor.ID {
			p.Appointed = p.Appointed || p.Rapporteur // the rapporteur sits on the panel, however their row came
			return p, true, nil
		}
	}
	if c.RapporteurID != 0 && c.RapporteurID == actor.ID {
		return PanelMember{CaseID: c.ID, UserID: actor.ID, Name: actor.Name(), Role: actor.Role, Rapporteur: true, Appointed: true}, true, nil
	}
	return PanelMember{}, false, nil
}

// checkAccess decides whether actor may read c's details. The rule:
//   - the secretariat reads every case;
//   - an appointed panel member (the rapporteur included) reads it once
//     they declared no conflict; before that, or once recused, they get
//     *InterestError;
//   - any other member or the chair reads an open case on the same terms:
//     a declaration comes before every look, panel or not (their
//     declaration is kept with the case, apart from the panel); a
//     confidential case is ErrNotFound to them, as if it did not exist,
//     whatever they declared while it was open;
//   - anyone else with a role that views the register reads open cases,
//     and for a confidential case gets ErrNotFound.
func (s *Service) checkAccess(ctx context.Context, actor User, c Case) error {
	if err := require(actor, ActViewRegister); err != nil {
		return err
	}
	if seesAllConfidential(actor) {
		return nil
	}
	p, declared, err := s.declaration(ctx, actor, c)
	if err != nil {
		return err
	}
	switch {
	case declared && p.Appointed && p.Conflict == NoConflict:
		return nil
	case declared && p.Appointed:
		return &InterestError{Summary: summaryOf(c), Recused: p.Recused(), Reason: p.Reason}
	case c.Confidential:
		return ErrNotFound
	case declared && p.Conflict == NoConflict:
		return nil
	case declared && p.Recused():
		return &InterestError{Summary: summaryOf(c), Recused: true, Reason: p.Reason}
	case mustDeclare(actor):
		return &InterestError{Summary: summaryOf(c), OffPanel: true}
	}
	return nil
}

// mustDeclare is true for those who review cases (members and the chair):
// they declare their interests before any case's details open to them and
// before their vote on it counts, whether or not they sit on its panel.
func mustDeclare(actor User) bool {
	return actor.Active && actor.Can(ActDeclareInterest)
}

// CheckCaseAccess returns nil when actor may read case id's details, notes
// and attachments, else the reason (*InterestError, ErrNotFound, or
// *ForbiddenError). Features that show case content (attachments, search,
// exports) call it.
func (s *Service) CheckCaseAccess(ctx context.Context, actor User, caseID int64) error {
	c, err := s.repo.GetCase(ctx, caseID)
	if err != nil {
		return err
	}
	return s.checkAccess(ctx, actor, c)
}

// RequireNoConflict returns *InterestError when actor is on the case's
// panel (or is its rapporteur), or declared as a reader, and has not
// declared "no conflict", and ErrNotFound for a confidential case they
// may not see (a reader off the panel never may, whatever they declared).
// Voting and signing call it.
func (s *Service) RequireNoConflict(ctx context.Context, actor User, caseID int64) error {
	c, err := s.repo.GetCase(ctx, caseID)
	if err != nil {
		return err
	}
	p, declared, err := s.declaration(ctx, actor, c)
	if err != nil {
		return err
	}
	appointed := declared && p.Appointed
	if !appointed && c.Confidential && !seesAllConfidential(actor) {
		return ErrNotFound
	}
	if declared && p.Conflict != NoConflict {
		return &InterestError{Summary: summaryOf(c), Recused: p.Recused(), Reason: p.Reason}
	}
	if !declared && mustDeclare(actor) {
		return &InterestError{Summary: summaryOf(c), OffPanel: true}
	}
	return nil
}

// visibleCase reads a case for someone who must at least know it exists:
// its panel sees the summary, others of the committee see open cases.
func (s *Service) visibleCase(ctx context.Context, actor User, caseID int64) (Case, error) {
	c, err := s.repo.GetCase(ctx, caseID)
	if err != nil {
		return Case{}, err
	}
	var ie *InterestError
	if err := s.checkAccess(ctx, actor, c); err != nil && !errors.As(err, &ie) {
		return Case{}, err
	}
	return c, nil
}

// Panel lists a case's appointed panel with each member's declaration;
// recusals and their reasons are shown to everyone who may know of the
// case.
func (s *Service) Panel(ctx context.Context, actor User, caseID int64) ([]PanelMember, error) {
	return s.declarations(ctx, actor, caseID, true)
}

// OffPanelDeclarations lists the declarations of the members and the
// chair who declared to read the case without being on its panel, shown
// to the same people as the panel.
func (s *Service) OffPanelDeclarations(ctx context.Context, actor User, caseID int64) ([]PanelMember, error) {
	return s.declarations(ctx, actor, caseID, false)
}

func (s *Service) declarations(ctx context.Context, actor User, caseID int64, appointed bool) ([]PanelMember, error) {
	if _, err := s.visibleCase(ctx, actor, caseID); err != nil {
		return nil, err
	}
	pr, err := s.panels()
	if err != nil {
		return nil, err
	}
	all, err := pr.Panel(ctx, caseID)
	if err != nil {
		return nil, err
	}
	out := []PanelMember{}
	for _, p := range all {
		p.Appointed = p.Appointed || p.Rapporteur
		if p.Appointed == appointed {
			out = append(out, p)
		}
	}
	return out, nil
}

// reviewer checks that u may sit on a panel or be a rapporteur.
func (s *Service) reviewer(ctx context.Context, userID int64) (User, error) {
	u, err := s.repo.UserByID(ctx, userID)
	if err != nil {
		return User{}, err
	}
	if !u.Active {
		return User{}, fmt.Errorf("%s's account is deactivated.", u.Name())
	}
	if !MayBeRapporteur(u.Role) {
		return User{}, fmt.Errorf("%s is not a member or the chair of the committee, so cannot review cases.", u.Name())
	}
	return u, nil
}

// MayBeRapporteur is true for the roles that review cases: members and
// the chair. The register's rapporteur filter lists these accounts.
func MayBeRapporteur(r Role) bool { return r == RoleMember || r == RoleChair }

// AssignRapporteur makes a member or the chair the case's rapporteur and
// puts them on its panel (secretariat only). A recused member cannot be.
func (s *Service) AssignRapporteur(ctx context.Context, actor User, caseID, userID int64) (Case, error) {
	if err := require(actor, ActAssignPanel); err != nil {
		return Case{}, err
	}
	c, err := s.repo.GetCase(ctx, caseID)
	if err != nil {
		return Case{}, err
	}
	u, err := s.reviewer(ctx, userID)
	if err != nil {
		return Case{}, err
	}
	if p, on, err := s.declaration(ctx, u, c); err != nil {
		return Case{}, err
	} else if on && p.Recused() {
		return Case{}, fmt.Errorf("%s declared a conflict of interest for case %s and cannot be its rapporteur.", u.Name(), c.Reference)
	}
	pr, err := s.panels()
	if err != nil {
		return Case{}, err
	}
	audit := AuditEntry{Actor: actor, Action: "case.assign_rapporteur", Entity: "case", EntityID: caseID,
		Before: map[string]any{"rapporteur_id": c.RapporteurID}, After: map[string]any{"rapporteur_id": u.ID, "rapporteur": u.Name()}}
	if err := pr.SetRapporteur(ctx, caseID, u, audit); err != nil {
		return Case{}, err
	}
	return s.repo.GetCase(ctx, caseID)
}

// AddPanelMember puts a member or the chair on a case's panel (secretariat only).
func (s *Service) AddPanelMember(ctx context.Context, actor User, caseID, userID int64) error {
	if err := require(actor, ActAssignPanel); err != nil {
		return err
	}
	if _, err := s.repo.GetCase(ctx, caseID); err != nil {
		return err
	}
	u, err := s.reviewer(ctx, userID)
	if err != nil {
		return err
	}
	pr, err := s.panels()
	if err != nil {
		return err
	}
	return pr.AddPanelMember(ctx, caseID, userID, AuditEntry{Actor: actor, Action: "case.panel_add", Entity: "case",
		EntityID: caseID, After: map[string]any{"user_id": u.ID, "name": u.Name()}})
}

// RemovePanelMember takes someone off a case's panel (secretariat only).
// A recused member stays, so that the case keeps showing who stood aside
// and why; the rapporteur stays until another is assigned. A reader who
// only declared is not on the panel: ErrNotFound.
func (s *Service) RemovePanelMember(ctx context.Context, actor User, caseID, userID int64) error {
	if err := require(actor, ActAssignPanel); err != nil {
		return err
	}
	pr, err := s.panels()
	if err != nil {
		return err
	}
	panel, err := pr.Panel(ctx, caseID)
	if err != nil {
		return err
	}
	for _, p := range panel {
		if p.UserID != userID || !(p.Appointed || p.Rapporteur) {
			continue
		}
		if p.Recused() {
			return fmt.Errorf("%s declared a conflict of interest; the declaration stays on the case's record.", p.Name)
		}
		if p.Rapporteur {
			return fmt.Errorf("%s is the rapporteur: assign another rapporteur first.", p.Name)
		}
		return pr.RemovePanelMember(ctx, caseID, userID, AuditEntry{Actor: actor, Action: "case.panel_remove",
			Entity: "case", EntityID: caseID, Before: map[string]any{"user_id": userID, "name": p.Name}})
	}
	return ErrNotFound
}

// DeclareInterest records the acting member's declaration for a case (on
// its panel or not; a member outside the panel declares before reading or
// voting on an open case, and the declaration is kept with the case
// without putting them on its panel):
// no conflict (the case opens to them), or a conflict with its reason (they
// are recused for good, and stop being rapporteur if they were). "No
// conflict" may later become a conflict; a recusal cannot be withdrawn.
func (s *Service) DeclareInterest(ctx context.Context, actor User, caseID int64, conflict bool, reason string) error {
	if err := require(actor, ActDeclareInterest); err != nil {
		return err
	}
	c, err := s.repo.GetCase(ctx, caseID)
	if err != nil {
		return err
	}
	p, declared, err := s.declaration(ctx, actor, c)
	if err != nil {
		return err
	}
	appointed := declared && p.Appointed
	if !appointed && c.Confidential {
		return ErrNotFound
	}
	if p.Recused() {
		return fmt.Errorf("You already declared a conflict of interest for case %s; a recusal cannot be withdrawn.", c.Reference)
	}
	reason = CleanText(reason)
	want := NoConflict
	if conflict {
		want = ConflictDeclared
		if reason == "" {
			return FieldErrors{"conflict_reason": "Say briefly what the conflict is; it is kept on the case's record."}
		}
		if len([]rune(reason)) > MaxConflictReason {
			return FieldErrors{"conflict_reason": fmt.Sprintf("Too long: at most %d characters.", MaxConflictReason)}
		}
	} else {
		reason = ""
		if p.Conflict == NoConflict {
			return nil // already declared; nothing changes
		}
	}
	pr, _ := s.panels()
	clear := conflict && c.RapporteurID == actor.ID
	audit := AuditEntry{Actor: actor, Action: "case.declare_interest", Entity: "case", EntityID: caseID,
		Before: map[string]any{"conflict": p.Conflict},
		After:  map[string]any{"conflict": want, "reason": reason, "rapporteur_removed": clear}}
	return pr.DeclareInterest(ctx, caseID, actor.ID, want, reason, s.now().UTC(), appointed, clear, audit)
}

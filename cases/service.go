package cases

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Service is the one door to the register: the window and the command line
// both call it, with the acting user, and it enforces the rules.
type Service struct {
	repo  Store
	now   Clock
	ports Ports
	// pending are the signatures prepared for members' laptops, waiting
	// for the signature (laptop_signing.go).
	pending pendingSignatures
}

// NewService wires the domain to its storage; a nil clock means time.Now.
func NewService(repo Store, now Clock) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{repo: repo, now: now}
}

// Now is the service's clock.
func (s *Service) Now() time.Time { return s.now() }

// Today is the current calendar day in local time.
func (s *Service) Today() Date { return DateOf(s.now()) }

// Reference loads the case types and the catalogue for forms and validation.
func (s *Service) Reference(ctx context.Context) (Reference, error) {
	types, err := s.repo.CaseTypes(ctx)
	if err != nil {
		return Reference{}, err
	}
	cat, err := s.repo.Catalogue(ctx)
	if err != nil {
		return Reference{}, err
	}
	ref := Reference{Types: map[string]CaseType{}, Catalogue: map[string]CatalogueEntry{}}
	for _, t := range types {
		ref.Types[t.Code] = t
	}
	for _, c := range cat {
		ref.Catalogue[c.Code] = c
	}
	return ref, nil
}

// CaseTypes lists the case types in display order.
func (s *Service) CaseTypes(ctx context.Context) ([]CaseType, error) { return s.repo.CaseTypes(ctx) }

// Catalogue lists the industry classification codes.
func (s *Service) Catalogue(ctx context.Context) ([]CatalogueEntry, error) {
	return s.repo.Catalogue(ctx)
}

// ValidateDraft normalises a draft and reports its problems without saving,
// so a form can show messages as the user types.
func (s *Service) ValidateDraft(ctx context.Context, d Draft) (Draft, FieldErrors, error) {
	ref, err := s.Reference(ctx)
	if err != nil {
		return d, nil, err
	}
	d = d.Normalize(ref.Types)
	return d, d.Validate(ref, s.Today()), nil
}

// CreateCase registers a new submission. On success the case has its reference.
func (s *Service) CreateCase(ctx context.Context, actor User, d Draft) (Case, error) {
	if err := require(actor, ActCreateCase); err != nil {
		return Case{}, err
	}
	d, fe, err := s.ValidateDraft(ctx, d)
	if err != nil {
		return Case{}, err
	}
	if fe != nil {
		return Case{}, fe
	}
	now := s.now().UTC()
	c := Case{Draft: d, Status: Received, CreatedAt: now, CreatedBy: actor.Name(),
		UpdatedAt: now, UpdatedBy: actor.Name()}
	audit := AuditEntry{Actor: actor, Action: "case.create", Entity: "case", After: auditView(c)}
	if err := s.repo.CreateCase(ctx, &c, audit); err != nil {
		return Case{}, err
	}
	return c, nil
}

// Editable says whether a case's fields may still be changed: once the
// committee has decided, the record of what it decided on stays as it was.
func Editable(st Status) bool { return st.IsOpen() }

// UpdateCase saves an edit made on the copy of the case at version.
func (s *Service) UpdateCase(ctx context.Context, actor User, id, version int64, d Draft) (Case, error) {
	if err := require(actor, ActEditCase); err != nil {
		return Case{}, err
	}
	old, err := s.repo.GetCase(ctx, id)
	if err != nil {
		return Case{}, err
	}
	if !Editable(old.Status) {
		return Case{}, fmt.Errorf("Case %s is %s and can no longer be edited.", old.Reference, StatusLabel(old.Status))
	}
	d, fe, err := s.ValidateDraft(ctx, d)
	if err != nil {
		return Case{}, err
	}
	if fe != nil {
		return Case{}, fe
	}
	c := old
	c.Draft = d
	c.UpdatedAt, c.UpdatedBy = s.now().UTC(), actor.Name()
	if err := s.refreshDeadline(ctx, &c, nil); err != nil {
		return Case{}, err
	}
	audit := AuditEntry{Actor: actor, Action: "case.update", Entity: "case", EntityID: id,
		Before: auditView(old), After: auditView(c)}
	if err := s.repo.UpdateCase(ctx, &c, version, audit); err != nil {
		return Case{}, err
	}
	return c, nil
}

// GetCase reads one case, with its deadline explanation worked out afresh.
func (s *Service) GetCase(ctx context.Context, actor User, id int64) (Case, error) {
	if err := require(actor, ActViewRegister); err != nil {
		return Case{}, err
	}
	c, err := s.repo.GetCase(ctx, id)
	if err != nil {
		return Case{}, err
	}
	if err := s.checkAccess(ctx, actor, c); err != nil {
		return Case{}, err
	}
	if err := s.refreshDeadline(ctx, &c, nil); err != nil {
		return Case{}, err
	}
	if !actor.Can(ActViewSubmitter) {
		c.Submitter = Submitter{Kind: c.Submitter.Kind}
	}
	return c, nil
}

// FindCase reads a case by its reference.
func (s *Service) FindCase(ctx context.Context, actor User, ref string) (Case, error) {
	id, err := s.repo.CaseIDByReference(ctx, CleanLine(ref))
	if err != nil {
		return Case{}, err
	}
	return s.GetCase(ctx, actor, id)
}

// AllowedMoves lists the workflow moves actor may make on a case now.
func (s *Service) AllowedMoves(actor User, c Case) []Status {
	if !actor.Can(ActMoveCase) {
		return nil
	}
	var out []Status
	for _, to := range NextStatuses(c.Status) {
		if to != OpinionIssued { // an opinion is issued by signing it, not by a button
			out = append(out, to)
		}
	}
	return out
}

// ErrIssueBySigning refuses a manual move to "Opinion issued".
var ErrIssueBySigning = errors.New("An opinion is issued when the chair countersigns it, not by changing the status.")

// Transition moves a case through the workflow, recording who, when and why.
func (s *Service) Transition(ctx context.Context, actor User, id, version int64, to Status, reason string) (Case, error) {
	if err := require(actor, ActMoveCase); err != nil {
		return Case{}, err
	}
	if to == OpinionIssued {
		return Case{}, ErrIssueBySigning
	}
	if err := s.CheckCaseAccess(ctx, actor, id); err != nil {
		return Case{}, err
	}
	if to == FollowUp {
		c, err := s.repo.GetCase(ctx, id)
		if err != nil {
			return Case{}, err
		}
		if err := s.checkFollowUpAllowed(ctx, c); err != nil {
			return Case{}, err
		}
	}
	return s.move(ctx, actor, id, version, to, reason)
}

// move is Transition without the checks that belong to the caller (the
// opinion signing path issues opinions through it).
func (s *Service) move(ctx context.Context, actor User, id, version int64, to Status, reason string) (Case, error) {
	reason = CleanText(reason)
	if len([]rune(reason)) > MaxReason {
		return Case{}, FieldErrors{FieldReason: fmt.Sprintf("Too long: at most %d characters.", MaxReason)}
	}
	old, err := s.repo.GetCase(ctx, id)
	if err != nil {
		return Case{}, err
	}
	if old.Version != version {
		return Case{}, &StaleError{Reference: old.Reference, By: old.UpdatedBy, At: old.UpdatedAt}
	}
	if !CanMove(old.Status, to) {
		return Case{}, &TransitionError{From: old.Status, To: to}
	}
	if ReasonRequired(to) && reason == "" {
		return Case{}, FieldErrors{FieldReason: "Give the reason; it is kept in the case's record."}
	}
	now := s.now().UTC()
	ch := StatusChange{CaseID: id, At: now, ActorID: actor.ID, Actor: actor.Name(), From: old.Status, To: to, Reason: reason}
	c := old
	c.Status = to
	c.UpdatedAt, c.UpdatedBy = now, actor.Name()
	if err := s.refreshDeadline(ctx, &c, &ch); err != nil {
		return Case{}, err
	}
	audit := AuditEntry{Actor: actor, Action: "case.transition", Entity: "case", EntityID: id,
		Before: map[string]any{"status": old.Status, "due_on": old.DueOn.String()},
		After:  map[string]any{"status": to, "due_on": c.DueOn.String(), "reason": reason}}
	if err := s.repo.RecordTransition(ctx, &c, version, &ch, audit); err != nil {
		return Case{}, err
	}
	return c, nil
}

// refreshDeadline works out c's acceptance date, due date and explanation
// from its status history (plus pending, a change not yet stored).
func (s *Service) refreshDeadline(ctx context.Context, c *Case, pending ...*StatusChange) error {
	var history []StatusChange
	if c.ID != 0 {
		h, err := s.repo.StatusHistory(ctx, c.ID)
		if err != nil {
			return err
		}
		history = h
	}
	for _, p := range pending {
		if p != nil {
			history = append(history, *p)
		}
	}
	types, err := s.repo.CaseTypes(ctx)
	if err != nil {
		return err
	}
	holidays, err := s.repo.Holidays(ctx)
	if err != nil {
		return err
	}
	c.Deadline = CaseDeadline(c.Status, c.TypeCode, c.Priority, history, typeMap(types), NewCalendar(holidays), s.Today())
	c.DueOn = c.Deadline.Due
	c.AcceptedOn, _ = PausesFrom(history)
	return nil
}

func typeMap(types []CaseType) map[string]CaseType {
	m := make(map[string]CaseType, len(types))
	for _, t := range types {
		m[t.Code] = t
	}
	return m
}

// CaseDeadline is the deadline that runs for a case in status st: the
// decision deadline while the case is open and accepted, the follow-up
// review once in follow-up, none otherwise.
func CaseDeadline(st Status, typeCode string, p Priority, history []StatusChange, types map[string]CaseType, cal Calendar, today Date) DeadlineExplanation {
	switch {
	case st == FollowUp:
		for i := len(history) - 1; i >= 0; i-- {
			if history[i].To == OpinionIssued {
				return ComputeFollowUp(DateOf(history[i].At.Local()))
			}
		}
		return DeadlineExplanation{}
	case !st.IsOpen():
		return DeadlineExplanation{}
	}
	accepted, pauses := PausesFrom(history)
	t := types[typeCode]
	days := t.DecisionDays
	if days <= 0 {
		days = 30
	}
	rule := DeadlineRule{Days: days, WorkingDays: t.WorkingDays, Emergency: p == PriorityEmergency}
	if rule.Emergency {
		return emergencyDeadline(rule, history, today)
	}
	return ComputeDeadline(rule, accepted, pauses, cal, today)
}

// RecomputeDeadlines recomputes every running deadline, after holidays or
// a case type's rule changed, and returns how many due dates moved.
func (s *Service) RecomputeDeadlines(ctx context.Context) (int, error) {
	list, err := s.repo.DeadlineCases(ctx)
	if err != nil {
		return 0, err
	}
	types, err := s.repo.CaseTypes(ctx)
	if err != nil {
		return 0, err
	}
	holidays, err := s.repo.Holidays(ctx)
	if err != nil {
		return 0, err
	}
	tm, cal, today := typeMap(types), NewCalendar(holidays), s.Today()
	changed := map[int64]Date{}
	for _, dc := range list {
		ex := CaseDeadline(dc.Status, dc.TypeCode, dc.Priority, dc.History, tm, cal, today)
		if !ex.Due.Equal(dc.DueOn) {
			changed[dc.ID] = ex.Due
		}
	}
	if len(changed) == 0 {
		return 0, nil
	}
	return len(changed), s.repo.SetDueDates(ctx, changed)
}

// Holidays lists the holiday calendar.
func (s *Service) Holidays(ctx context.Context) ([]Holiday, error) { return s.repo.Holidays(ctx) }

// SaveHoliday adds or renames a holiday and recomputes open deadlines.
func (s *Service) SaveHoliday(ctx context.Context, actor User, h Holiday) error {
	if err := require(actor, ActManageSettings); err != nil {
		return err
	}
	h.Name = CleanLine(h.Name)
	if h.Day.IsZero() {
		return FieldErrors{"day": "Enter the holiday's date (YYYY-MM-DD)."}
	}
	if err := s.repo.SaveHoliday(ctx, h, AuditEntry{Actor: actor, Action: "holiday.save", Entity: "holiday", After: h.Day.String() + " " + h.Name}); err != nil {
		return err
	}
	_, err := s.RecomputeDeadlines(ctx)
	return err
}

// DeleteHoliday removes a holiday and recomputes open deadlines.
func (s *Service) DeleteHoliday(ctx context.Context, actor User, day Date) error {
	if err := require(actor, ActManageSettings); err != nil {
		return err
	}
	err := s.repo.DeleteHoliday(ctx, day, AuditEntry{Actor: actor, Action: "holiday.delete", Entity: "holiday", Before: day.String()})
	if errors.Is(err, ErrNotFound) {
		return fmt.Errorf("%s is not in the holiday calendar (it may have been removed from another window meanwhile), so nothing was changed.", day)
	}
	if err != nil {
		return err
	}
	_, err = s.RecomputeDeadlines(ctx)
	return err
}

// SaveCaseType changes a case type's name or deadline rule and recomputes.
func (s *Service) SaveCaseType(ctx context.Context, actor User, t CaseType) error {
	if err := require(actor, ActManageSettings); err != nil {
		return err
	}
	t.Code = CleanLine(t.Code)
	types, err := s.repo.CaseTypes(ctx)
	if err != nil {
		return err
	}
	var before any
	for _, old := range types {
		if old.Code == t.Code {
			before = old
		}
	}
	return s.saveCaseType(ctx, actor, t, before, "case_type.save")
}

// saveCaseType checks and stores t with an audit entry (action, and the
// type as it was), then recomputes the open cases' deadlines.
func (s *Service) saveCaseType(ctx context.Context, actor User, t CaseType, before any, action string) error {
	t.Name = CleanLine(t.Name)
	t.Code = CleanLine(t.Code)
	if t.Code == "" || t.Name == "" {
		return FieldErrors{FieldType: "A case type needs a code and a name."}
	}
	if t.DecisionDays < 1 || t.DecisionDays > 365 {
		return FieldErrors{"decision_days": "The number of days must be between 1 and 365."}
	}
	if err := s.repo.SaveCaseType(ctx, t, AuditEntry{Actor: actor, Action: action, Entity: "case_type", Before: before, After: t}); err != nil {
		return err
	}
	_, err := s.RecomputeDeadlines(ctx)
	return err
}

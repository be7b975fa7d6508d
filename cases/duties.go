package cases

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Duty is one of the duties Article 66 of the Regulations sets for those
// who deploy an AI system, by the system's risk tier: a high-risk system
// needs a prior assessment and a warning of its risks; a medium- or
// low-risk one, disclosure that AI is used and follow-up of its effects.
// The panel checks each duty of the case's tier and records its evidence;
// the opinion prints the checklist in its findings.
type Duty string

const (
	DutyPriorAssessment Duty = "prior_assessment"
	DutyRiskWarning     Duty = "risk_warning"
	DutyDisclosure      Duty = "disclosure"
	DutyFollowUp        Duty = "follow_up"
)

var dutyLabels = map[Duty]string{
	DutyPriorAssessment: "Prior assessment",
	DutyRiskWarning:     "Risk warning",
	DutyDisclosure:      "Disclosure",
	DutyFollowUp:        "Follow-up",
}

// DutyLabel is the duty's name in English (the window translates it as
// "duty.<code>").
func DutyLabel(d Duty) string {
	if l, ok := dutyLabels[d]; ok {
		return l
	}
	return CodeLabel(string(d))
}

// DutiesFor lists the duties of Article 66 for a system of risk tier r,
// none when the tier is not known.
func DutiesFor(r Risk) []Duty {
	switch r {
	case RiskHigh:
		return []Duty{DutyPriorAssessment, DutyRiskWarning}
	case RiskMedium, RiskLow:
		return []Duty{DutyDisclosure, DutyFollowUp}
	}
	return nil
}

// DutyCheck is the panel's finding on one duty: met or not, with the
// evidence, and who marked it when (zero until marked).
type DutyCheck struct {
	Duty       Duty
	Met        bool
	Evidence   string
	MarkedByID int64
	MarkedBy   string
	MarkedAt   time.Time
}

// Marked is true once a panel member has recorded a finding.
func (d DutyCheck) Marked() bool { return d.MarkedByID != 0 }

// DutyRepository keeps the panel's duty checks, one per case and duty,
// and writes the audit entry with each.
type DutyRepository interface {
	CaseDuties(ctx context.Context, caseID int64) ([]DutyCheck, error)
	SaveDutyCheck(ctx context.Context, caseID int64, d DutyCheck, audit AuditEntry) error
}

// FieldEvidence is the field of a duty's evidence.
const FieldEvidence = "evidence"

// maxEvidenceRunes bounds a duty's evidence: a paragraph, not a file.
const maxEvidenceRunes = 2000

func (s *Service) dutyRepo() (DutyRepository, error) {
	if r, ok := s.repo.(DutyRepository); ok {
		return r, nil
	}
	return nil, ErrNotAvailable
}

// CaseDuties is the checklist of the case's risk tier, with what the panel
// has recorded; anyone who may read the case reads it.
func (s *Service) CaseDuties(ctx context.Context, actor User, caseID int64) ([]DutyCheck, error) {
	c, err := s.GetCase(ctx, actor, caseID)
	if err != nil {
		return nil, err
	}
	return s.dutyChecks(ctx, c)
}

// dutyChecks merges the tier's duties with the marks stored for them; a
// mark for a duty of another tier (the risk was reassessed) is not shown.
func (s *Service) dutyChecks(ctx context.Context, c Case) ([]DutyCheck, error) {
	duties := DutiesFor(c.Risk)
	if len(duties) == 0 {
		return nil, nil
	}
	dr, err := s.dutyRepo()
	if err != nil {
		return nil, err
	}
	stored, err := dr.CaseDuties(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	out := make([]DutyCheck, len(duties))
	for i, d := range duties {
		out[i] = DutyCheck{Duty: d}
		for _, st := range stored {
			if st.Duty == d {
				out[i] = st
			}
		}
	}
	return out, nil
}

// MayMarkDuties is true when actor may record the case's duty checks: a
// member of its appointed panel (the rapporteur included) who declared no
// conflict, while the case is open; not a reader who only declared.
func (s *Service) MayMarkDuties(ctx context.Context, actor User, caseID int64) bool {
	c, err := s.repo.GetCase(ctx, caseID)
	if err != nil {
		return false
	}
	return s.checkMayMarkDuties(ctx, actor, c) == nil
}

func (s *Service) checkMayMarkDuties(ctx context.Context, actor User, c Case) error {
	if !actor.Active {
		return &ForbiddenError{Action: "check this case's duties: only its panel can"}
	}
	p, onPanel, err := s.declaration(ctx, actor, c)
	if err != nil {
		return err
	}
	if !onPanel || !p.Appointed || p.Conflict != NoConflict {
		return &ForbiddenError{Action: "check this case's duties: only its panel can, once they have declared no conflict of interest"}
	}
	switch c.Status {
	case Closed, Withdrawn, Inadmissible:
		return fmt.Errorf("Case %s is %s; its duties can no longer be checked.", c.Reference, StatusLabel(c.Status))
	}
	return nil
}

// MarkDuty records the panel's finding on one duty of the case's tier:
// met (with the evidence that shows it, required) or not met (evidence
// optional). An audit entry records the change.
func (s *Service) MarkDuty(ctx context.Context, actor User, caseID int64, duty Duty, met bool, evidence string) (DutyCheck, error) {
	c, err := s.GetCase(ctx, actor, caseID)
	if err != nil {
		return DutyCheck{}, err
	}
	if err := s.checkMayMarkDuties(ctx, actor, c); err != nil {
		return DutyCheck{}, err
	}
	if !slices.Contains(DutiesFor(c.Risk), duty) {
		return DutyCheck{}, fmt.Errorf("%s is not a duty for a system of %s risk.", DutyLabel(duty), strings.ToLower(CodeLabel(string(c.Risk))))
	}
	evidence = strings.TrimSpace(evidence)
	switch {
	case met && evidence == "":
		return DutyCheck{}, FieldErrors{FieldEvidence: "Say what shows that the duty is met: a document, its date, what it says."}
	case utf8.RuneCountInString(evidence) > maxEvidenceRunes:
		return DutyCheck{}, FieldErrors{FieldEvidence: fmt.Sprintf("Keep the evidence to %d characters; attach longer documents to the case.", maxEvidenceRunes)}
	}
	dr, err := s.dutyRepo()
	if err != nil {
		return DutyCheck{}, err
	}
	before, err := s.dutyChecks(ctx, c)
	if err != nil {
		return DutyCheck{}, err
	}
	check := DutyCheck{Duty: duty, Met: met, Evidence: evidence, MarkedByID: actor.ID, MarkedBy: actor.Name(), MarkedAt: s.now().UTC()}
	audit := AuditEntry{Actor: actor, Action: "case.duty", Entity: "case", EntityID: c.ID,
		After: map[string]any{"duty": duty, "met": met, "evidence": evidence}}
	for _, b := range before {
		if b.Duty == duty && b.Marked() {
			audit.Before = map[string]any{"duty": duty, "met": b.Met, "evidence": b.Evidence}
		}
	}
	if err := dr.SaveDutyCheck(ctx, c.ID, check, audit); err != nil {
		return DutyCheck{}, err
	}
	return check, nil
}

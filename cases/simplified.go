package cases

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// OutcomeReferred: the simplified procedure did not decide (a negative or
// split view, or a designated member recused) and the case goes to a full
// meeting.
const OutcomeReferred Outcome = "referred"

// SimplifiedView is a designated member's view of a minimal-risk case.
type SimplifiedView struct {
	UserID  int64
	Name    string
	View    Vote // "" until recorded; never abstain
	Comment string
	At      time.Time
}

// Simplified is the state of a case's simplified procedure.
type Simplified struct {
	CaseID  int64
	Views   []SimplifiedView // the designated members, with their views
	Outcome Outcome          // pending, approved, approved_modified or referred
	// MeetingID is the meeting whose agenda the case was put on when
	// referred; 0 when referred with no meeting scheduled yet (the case
	// waits for the next one to be created).
	MeetingID int64
}

// SimplifiedRepository stores designations and views; each write records
// its audit entry in the same transaction.
type SimplifiedRepository interface {
	// Designate replaces the case's designated members (adding them to its
	// panel), refused by the service once any view was recorded.
	Designate(ctx context.Context, caseID int64, userIDs []int64, audit AuditEntry) error
	SimplifiedViews(ctx context.Context, caseID int64) ([]SimplifiedView, error)
	// SaveView records a view; with referTo ≠ 0 it also puts the case on
	// that meeting's agenda, in the same transaction.
	SaveView(ctx context.Context, caseID int64, v SimplifiedView, referTo int64, audit AuditEntry) error
}

func (s *Service) simplifiedRepo() (SimplifiedRepository, error) {
	return s.repo, nil
}

// DesignateSimplified puts a minimal-risk case into the simplified
// procedure with two or more designated members (secretariat only).
func (s *Service) DesignateSimplified(ctx context.Context, actor User, caseID int64, memberIDs []int64) error {
	if err := require(actor, ActSimplified); err != nil {
		return err
	}
	c, err := s.repo.GetCase(ctx, caseID)
	if err != nil {
		return err
	}
	if c.Risk != RiskLow {
		return fmt.Errorf("Case %s is not of minimal (low) risk, so it needs a full meeting.", c.Reference)
	}
	seen := map[int64]bool{}
	var ids []int64
	var names []string
	for _, id := range memberIDs {
		if seen[id] {
			continue
		}
		seen[id] = true
		u, err := s.reviewer(ctx, id)
		if err != nil {
			return err
		}
		if p, on, err := s.declaration(ctx, u, c); err != nil {
			return err
		} else if on && p.Recused() {
			return fmt.Errorf("%s is recused for case %s.", u.Name(), c.Reference)
		}
		ids, names = append(ids, id), append(names, u.Name())
	}
	if len(ids) < 2 {
		return errors.New("The simplified procedure needs at least two designated members.")
	}
	sr, err := s.simplifiedRepo()
	if err != nil {
		return err
	}
	views, err := sr.SimplifiedViews(ctx, caseID)
	if err != nil {
		return err
	}
	for _, v := range views {
		if v.View != "" {
			return errors.New("Views were already recorded in this case's simplified procedure; its members can no longer change.")
		}
	}
	return sr.Designate(ctx, caseID, ids, AuditEntry{Actor: actor, Action: "case.simplified_designate", Entity: "case",
		EntityID: caseID, After: map[string]any{"members": ids, "names": names}})
}

// SimplifiedStatus reads the procedure's views and outcome.
func (s *Service) SimplifiedStatus(ctx context.Context, actor User, caseID int64) (Simplified, error) {
	c, err := s.visibleCase(ctx, actor, caseID)
	if err != nil {
		return Simplified{}, err
	}
	return s.simplifiedState(ctx, c)
}

func (s *Service) simplifiedState(ctx context.Context, c Case) (Simplified, error) {
	sr, err := s.simplifiedRepo()
	if err != nil {
		return Simplified{}, err
	}
	views, err := sr.SimplifiedViews(ctx, c.ID)
	if err != nil {
		return Simplified{}, err
	}
	pr, err := s.panels()
	if err != nil {
		return Simplified{}, err
	}
	panel, err := pr.Panel(ctx, c.ID)
	if err != nil {
		return Simplified{}, err
	}
	recused := map[int64]bool{}
	for _, p := range panel {
		recused[p.UserID] = p.Recused()
	}
	st := Simplified{CaseID: c.ID, Views: views, Outcome: SimplifiedOutcome(views, recused)}
	if st.Outcome == OutcomeReferred {
		if mr, err := s.meetings(); err == nil {
			if m, err := mr.NextMeeting(ctx, s.Today()); err == nil {
				st.MeetingID = m.ID
			}
		}
	}
	return st, nil
}

// SimplifiedOutcome is the simplified procedure's rule: with no designated
// member recused, identical views in favour from every designated member
// decide (approved, or approved with modifications); any reject, any
// difference between views, or a recusal refers the case to a full
// meeting; otherwise the procedure waits for the remaining views.
func SimplifiedOutcome(views []SimplifiedView, recused map[int64]bool) Outcome {
	if len(views) < 2 {
		return OutcomePending
	}
	var first Vote
	missing := false
	for _, v := range views {
		switch {
		case recused[v.UserID], v.View == VoteReject:
			return OutcomeReferred
		case v.View == "":
			missing = true
		case first == "":
			first = v.View
		case v.View != first:
			return OutcomeReferred
		}
	}
	switch {
	case missing:
		return OutcomePending
	case first == VoteApproveModified:
		return OutcomeApprovedModified
	}
	return OutcomeApproved
}

// RecordView records the acting designated member's view. When it makes the
// case referred, the case goes onto the agenda of the next scheduled
// meeting (if one exists) in the same transaction.
func (s *Service) RecordView(ctx context.Context, actor User, caseID int64, view Vote, comment string) (Simplified, error) {
	if err := require(actor, ActVote); err != nil {
		return Simplified{}, err
	}
	if view != VoteApprove && view != VoteApproveModified && view != VoteReject {
		return Simplified{}, FieldErrors{"vote": "Choose approve, approve with modifications, or reject."}
	}
	comment = CleanText(comment)
	if len([]rune(comment)) > MaxReason {
		return Simplified{}, FieldErrors{"comment": fmt.Sprintf("Too long: at most %d characters.", MaxReason)}
	}
	if err := s.RequireNoConflict(ctx, actor, caseID); err != nil {
		return Simplified{}, err
	}
	c, err := s.repo.GetCase(ctx, caseID)
	if err != nil {
		return Simplified{}, err
	}
	st, err := s.simplifiedState(ctx, c)
	if err != nil {
		return Simplified{}, err
	}
	idx := -1
	for i, v := range st.Views {
		if v.UserID == actor.ID {
			idx = i
		}
	}
	switch {
	case idx < 0:
		return Simplified{}, fmt.Errorf("You are not designated for the simplified procedure of case %s.", c.Reference)
	case st.Outcome != OutcomePending:
		return Simplified{}, fmt.Errorf("The simplified procedure of case %s has ended (%s).", c.Reference, OutcomeLabel(st.Outcome))
	}
	v := SimplifiedView{UserID: actor.ID, Name: actor.Name(), View: view, Comment: comment, At: s.now().UTC()}
	st.Views[idx] = v
	after := SimplifiedOutcome(st.Views, nil)
	var referTo int64
	if after == OutcomeReferred {
		if mr, err := s.meetings(); err == nil {
			m, err := mr.NextMeeting(ctx, s.Today())
			switch {
			case err == nil && !m.onAgenda(caseID):
				referTo = m.ID
			case err != nil && !errors.Is(err, ErrNotFound):
				return Simplified{}, err
			}
		}
	}
	sr, _ := s.simplifiedRepo()
	audit := AuditEntry{Actor: actor, Action: "case.simplified_view", Entity: "case", EntityID: caseID,
		After: map[string]any{"view": view, "comment": comment, "outcome": after, "referred_to_meeting": referTo}}
	if err := sr.SaveView(ctx, caseID, v, referTo, audit); err != nil {
		return Simplified{}, err
	}
	return s.simplifiedState(ctx, c)
}

package cases

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Capacity is how someone attends a meeting: members count toward the
// quorum and vote; consultants attend and speak but do not vote.
type Capacity string

const (
	CapacityMember     Capacity = "member"
	CapacityConsultant Capacity = "consultant"
)

// Attendee is one person present at a meeting. Consultants may have no
// account (UserID 0).
type Attendee struct {
	ID       int64
	UserID   int64
	Name     string
	Capacity Capacity
}

// AgendaItem is a case on a meeting's agenda. Title is empty for someone
// who may not read the case's details.
type AgendaItem struct {
	CaseID    int64
	Reference string
	Title     string
}

// Meeting is a sitting of the committee.
type Meeting struct {
	ID         int64
	HeldOn     Date
	Title      string
	CreatedAt  time.Time
	CreatedBy  string
	Agenda     []AgendaItem
	Attendance []Attendee
}

// MembersPresent counts the attendees who count toward the quorum.
func (m Meeting) MembersPresent() int {
	n := 0
	for _, a := range m.Attendance {
		if a.Capacity == CapacityMember {
			n++
		}
	}
	return n
}

// CastVote is one member's recorded vote on an agenda case.
type CastVote struct {
	MeetingID int64
	CaseID    int64
	UserID    int64
	Name      string
	Vote      Vote
	At        time.Time
}

// MeetingRepository stores meetings; each write records its audit entry in
// the same transaction.
type MeetingRepository interface {
	CreateMeeting(ctx context.Context, m *Meeting, audit AuditEntry) error
	// Meetings lists meetings, newest first, without agenda or attendance.
	Meetings(ctx context.Context) ([]Meeting, error)
	// Meeting reads one meeting with its agenda and attendance.
	Meeting(ctx context.Context, id int64) (Meeting, error)
	AddToAgenda(ctx context.Context, meetingID, caseID int64, audit AuditEntry) error
	RemoveFromAgenda(ctx context.Context, meetingID, caseID int64, audit AuditEntry) error
	AddAttendee(ctx context.Context, meetingID int64, a *Attendee, audit AuditEntry) error
	RemoveAttendee(ctx context.Context, meetingID, attendeeID int64, audit AuditEntry) error
	// SaveVote records or replaces a member's vote on a case.
	SaveVote(ctx context.Context, v CastVote, audit AuditEntry) error
	Votes(ctx context.Context, meetingID, caseID int64) ([]CastVote, error)
	// NextMeeting is the first meeting held on or after day (ErrNotFound if none).
	NextMeeting(ctx context.Context, day Date) (Meeting, error)
}

func (s *Service) meetings() (MeetingRepository, error) {
	return s.repo, nil
}

// CreateMeeting schedules a meeting (secretariat and chair).
func (s *Service) CreateMeeting(ctx context.Context, actor User, heldOn Date, title string) (Meeting, error) {
	if err := require(actor, ActManageMeetings); err != nil {
		return Meeting{}, err
	}
	title = CleanLine(title)
	fe := FieldErrors{}
	if heldOn.IsZero() {
		fe["held_on"] = "Enter the meeting's date (YYYY-MM-DD)."
	}
	if len([]rune(title)) > MaxTitle {
		fe["title"] = fmt.Sprintf("Too long: at most %d characters.", MaxTitle)
	}
	if len(fe) > 0 {
		return Meeting{}, fe
	}
	mr, err := s.meetings()
	if err != nil {
		return Meeting{}, err
	}
	m := Meeting{HeldOn: heldOn, Title: title, CreatedAt: s.now().UTC(), CreatedBy: actor.Name()}
	err = mr.CreateMeeting(ctx, &m, AuditEntry{Actor: actor, Action: "meeting.create", Entity: "meeting",
		After: map[string]any{"held_on": heldOn.String(), "title": title}})
	return m, err
}

// Meetings lists the meetings, newest first.
func (s *Service) Meetings(ctx context.Context, actor User) ([]Meeting, error) {
	if err := require(actor, ActViewRegister); err != nil {
		return nil, err
	}
	mr, err := s.meetings()
	if err != nil {
		return nil, err
	}
	return mr.Meetings(ctx)
}

// Meeting reads a meeting with its agenda and attendance. Agenda cases the
// actor may not know of are left out; titles only show to those who may
// read the case.
func (s *Service) Meeting(ctx context.Context, actor User, id int64) (Meeting, error) {
	if err := require(actor, ActViewRegister); err != nil {
		return Meeting{}, err
	}
	mr, err := s.meetings()
	if err != nil {
		return Meeting{}, err
	}
	m, err := mr.Meeting(ctx, id)
	if err != nil {
		return Meeting{}, err
	}
	agenda := m.Agenda[:0]
	for _, item := range m.Agenda {
		err := s.CheckCaseAccess(ctx, actor, item.CaseID)
		var ie *InterestError
		switch {
		case errors.Is(err, ErrNotFound):
			continue
		case errors.As(err, &ie):
			item.Title = ""
		case err != nil:
			return Meeting{}, err
		}
		agenda = append(agenda, item)
	}
	m.Agenda = agenda
	return m, nil
}

// AddToAgenda puts a case on a meeting's agenda.
func (s *Service) AddToAgenda(ctx context.Context, actor User, meetingID, caseID int64) error {
	if err := require(actor, ActManageMeetings); err != nil {
		return err
	}
	c, err := s.visibleCase(ctx, actor, caseID)
	if err != nil {
		return err
	}
	mr, m, err := s.meeting(ctx, meetingID)
	if err != nil {
		return err
	}
	for _, item := range m.Agenda {
		if item.CaseID == caseID {
			return fmt.Errorf("Case %s is already on the agenda of this meeting.", c.Reference)
		}
	}
	return mr.AddToAgenda(ctx, meetingID, caseID, AuditEntry{Actor: actor, Action: "meeting.agenda_add", Entity: "meeting",
		EntityID: meetingID, After: map[string]any{"case_id": caseID, "reference": c.Reference}})
}

// RemoveFromAgenda takes a case off an agenda; refused once votes on it
// were recorded.
func (s *Service) RemoveFromAgenda(ctx context.Context, actor User, meetingID, caseID int64) error {
	if err := require(actor, ActManageMeetings); err != nil {
		return err
	}
	mr, err := s.meetings()
	if err != nil {
		return err
	}
	if votes, err := mr.Votes(ctx, meetingID, caseID); err != nil {
		return err
	} else if len(votes) > 0 {
		return errors.New("Votes on this case were recorded at this meeting, so it stays on the agenda.")
	}
	return mr.RemoveFromAgenda(ctx, meetingID, caseID, AuditEntry{Actor: actor, Action: "meeting.agenda_remove",
		Entity: "meeting", EntityID: meetingID, Before: map[string]any{"case_id": caseID}})
}

// AddMemberAttendance records that a member or the chair is present.
func (s *Service) AddMemberAttendance(ctx context.Context, actor User, meetingID, userID int64) error {
	if err := require(actor, ActManageMeetings); err != nil {
		return err
	}
	u, err := s.reviewer(ctx, userID)
	if err != nil {
		return err
	}
	return s.addAttendee(ctx, actor, meetingID, Attendee{UserID: u.ID, Name: u.Name(), Capacity: CapacityMember})
}

// AddConsultant records a consultant present (they do not vote).
func (s *Service) AddConsultant(ctx context.Context, actor User, meetingID int64, name string) error {
	if err := require(actor, ActManageMeetings); err != nil {
		return err
	}
	name = CleanLine(name)
	if name == "" || len([]rune(name)) > 120 {
		return FieldErrors{"name": "Enter the consultant's name (at most 120 characters)."}
	}
	return s.addAttendee(ctx, actor, meetingID, Attendee{Name: name, Capacity: CapacityConsultant})
}

func (s *Service) addAttendee(ctx context.Context, actor User, meetingID int64, a Attendee) error {
	mr, m, err := s.meeting(ctx, meetingID)
	if err != nil {
		return err
	}
	for _, x := range m.Attendance {
		if a.UserID != 0 && x.UserID == a.UserID {
			return fmt.Errorf("%s is already recorded as present.", a.Name)
		}
	}
	return mr.AddAttendee(ctx, meetingID, &a, AuditEntry{Actor: actor, Action: "meeting.attend", Entity: "meeting",
		EntityID: meetingID, After: map[string]any{"user_id": a.UserID, "name": a.Name, "capacity": a.Capacity}})
}

// RemoveAttendee corrects the attendance; refused for a member whose votes
// were recorded at the meeting.
func (s *Service) RemoveAttendee(ctx context.Context, actor User, meetingID, attendeeID int64) error {
	if err := require(actor, ActManageMeetings); err != nil {
		return err
	}
	mr, m, err := s.meeting(ctx, meetingID)
	if err != nil {
		return err
	}
	for _, a := range m.Attendance {
		if a.ID != attendeeID {
			continue
		}
		for _, item := range m.Agenda {
			votes, err := mr.Votes(ctx, meetingID, item.CaseID)
			if err != nil {
				return err
			}
			for _, v := range votes {
				if a.UserID != 0 && v.UserID == a.UserID {
					return fmt.Errorf("%s voted at this meeting, so their attendance stays on the record.", a.Name)
				}
			}
		}
		return mr.RemoveAttendee(ctx, meetingID, attendeeID, AuditEntry{Actor: actor, Action: "meeting.attend_remove",
			Entity: "meeting", EntityID: meetingID, Before: map[string]any{"user_id": a.UserID, "name": a.Name, "capacity": a.Capacity}})
	}
	return ErrNotFound
}

// RecordVote records voter's vote on an agenda case. A member records their
// own vote; the secretariat or the chair may record it for them during the
// meeting. The voter must be present as a member, and not recused: a panel
// member must have declared "no conflict" for the case.
func (s *Service) RecordVote(ctx context.Context, actor User, meetingID, caseID, voterID int64, v Vote) error {
	if actor.ID != voterID || !actor.Can(ActVote) {
		if err := require(actor, ActRecordVotes); err != nil {
			return err
		}
	}
	if !v.Valid() {
		return FieldErrors{"vote": "Choose approve, approve with modifications, reject or abstain."}
	}
	mr, m, err := s.meeting(ctx, meetingID)
	if err != nil {
		return err
	}
	if !m.onAgenda(caseID) {
		return errors.New("This case is not on the meeting's agenda.")
	}
	var present *Attendee
	for i, a := range m.Attendance {
		if a.UserID == voterID {
			present = &m.Attendance[i]
		}
	}
	voter, err := s.repo.UserByID(ctx, voterID)
	if err != nil {
		return err
	}
	switch {
	case present == nil:
		return fmt.Errorf("%s is not recorded as present at this meeting.", voter.Name())
	case present.Capacity != CapacityMember:
		return fmt.Errorf("%s attends as a consultant and does not vote.", voter.Name())
	case !voter.Active:
		return fmt.Errorf("%s's account is deactivated.", voter.Name())
	}
	if err := s.RequireNoConflict(ctx, voter, caseID); err != nil {
		var ie *InterestError
		if errors.As(err, &ie) && ie.Recused {
			return fmt.Errorf("%s is recused for case %s and cannot vote on it.", voter.Name(), ie.Summary.Reference)
		}
		if errors.As(err, &ie) {
			return fmt.Errorf("%s must first declare their interests for case %s.", voter.Name(), ie.Summary.Reference)
		}
		return err
	}
	var before any
	if votes, err := mr.Votes(ctx, meetingID, caseID); err != nil {
		return err
	} else {
		for _, x := range votes {
			if x.UserID == voterID {
				before = map[string]any{"vote": x.Vote}
			}
		}
	}
	cv := CastVote{MeetingID: meetingID, CaseID: caseID, UserID: voterID, Name: voter.Name(), Vote: v, At: s.now().UTC()}
	return mr.SaveVote(ctx, cv, AuditEntry{Actor: actor, Action: "meeting.vote", Entity: "case", EntityID: caseID,
		Before: before, After: map[string]any{"meeting_id": meetingID, "voter_id": voterID, "vote": v}})
}

func (m Meeting) onAgenda(caseID int64) bool {
	for _, item := range m.Agenda {
		if item.CaseID == caseID {
			return true
		}
	}
	return false
}

// Tally counts the votes on an agenda case and applies the rule (see
// Decide). Recused members present count toward the quorum but not toward
// the majority, and their votes (if any were cast before they recused)
// are left out.
func (s *Service) Tally(ctx context.Context, actor User, meetingID, caseID int64) (Tally, []CastVote, error) {
	if _, err := s.visibleCase(ctx, actor, caseID); err != nil {
		return Tally{}, nil, err
	}
	mr, err := s.meetings()
	if err != nil {
		return Tally{}, nil, err
	}
	m, err := mr.Meeting(ctx, meetingID)
	if err != nil {
		return Tally{}, nil, err
	}
	if !m.onAgenda(caseID) {
		return Tally{}, nil, errors.New("This case is not on the meeting's agenda.")
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return Tally{}, nil, err
	}
	return s.tally(ctx, m, caseID, st)
}

func (s *Service) tally(ctx context.Context, m Meeting, caseID int64, st Settings) (Tally, []CastVote, error) {
	mr, err := s.meetings()
	if err != nil {
		return Tally{}, nil, err
	}
	pr, err := s.panels()
	if err != nil {
		return Tally{}, nil, err
	}
	panel, err := pr.Panel(ctx, caseID)
	if err != nil {
		return Tally{}, nil, err
	}
	recused := map[int64]bool{}
	for _, p := range panel {
		if p.Recused() {
			recused[p.UserID] = true
		}
	}
	present := map[int64]bool{}
	var t Tally
	for _, a := range m.Attendance {
		if a.Capacity != CapacityMember {
			continue
		}
		present[a.UserID] = true
		t.Present++
		if recused[a.UserID] {
			t.Recused++
		}
	}
	votes, err := mr.Votes(ctx, m.ID, caseID)
	if err != nil {
		return Tally{}, nil, err
	}
	counted := votes[:0]
	for _, v := range votes {
		if !present[v.UserID] || recused[v.UserID] {
			continue
		}
		counted = append(counted, v)
		switch v.Vote {
		case VoteApprove:
			t.Approve++
		case VoteApproveModified:
			t.ApproveModified++
		case VoteReject:
			t.Reject++
		case VoteAbstain:
			t.Abstain++
		}
	}
	return Decide(t, st.Quorum, st.Majority), counted, nil
}

// meeting reads one meeting together with the repository that keeps it.
func (s *Service) meeting(ctx context.Context, id int64) (MeetingRepository, Meeting, error) {
	mr, err := s.meetings()
	if err != nil {
		return nil, Meeting{}, err
	}
	m, err := mr.Meeting(ctx, id)
	return mr, m, err
}

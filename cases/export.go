package cases

import (
	"context"
	"strconv"
	"strings"
)

// ExportRepository is the storage side of exports.
type ExportRepository interface {
	// EachCase calls fn with every case matching q (q.Viewer decides
	// confidential cases) in the register's order, stopping at fn's first
	// error or when ctx is cancelled.
	EachCase(ctx context.Context, q Query, fn func(Case) error) error
	// RecordExport appends audit to the audit log in a transaction of its
	// own: an export changes nothing else.
	RecordExport(ctx context.Context, audit AuditEntry) error
}

func (s *Service) exporter() (ExportRepository, error) {
	return s.repo, nil
}

// ExportRequest says what to export.
type ExportRequest struct {
	Filter Query
	Format string // "csv", "xlsx" or "ics", for the audit log
	// IncludePersonal keeps the submitters' names and contacts; only roles
	// that may see them may ask, and the audit log records that they did.
	IncludePersonal bool
}

// ExportCases calls fn with every case of the register filter the actor
// may read, submitters' personal data removed unless req.IncludePersonal.
// The export is recorded in the audit log before the first case is
// handed out, so an export that leaves the program is always on record.
// It returns the number of cases handed to fn.
func (s *Service) ExportCases(ctx context.Context, actor User, req ExportRequest, fn func(Case) error) (int, error) {
	if err := requireQuery(actor, req.Filter); err != nil {
		return 0, err
	}
	if req.IncludePersonal {
		if err := require(actor, ActViewSubmitter); err != nil {
			return 0, err
		}
	}
	ex, err := s.exporter()
	if err != nil {
		return 0, err
	}
	q := req.Filter
	q.Today, q.Viewer = s.Today(), actor
	closed, err := s.closedPanelCases(ctx, actor)
	if err != nil {
		return 0, err
	}
	audit := AuditEntry{Actor: actor, Action: "register.export", Entity: "register",
		After: map[string]any{"format": req.Format, "personal_data": req.IncludePersonal, "filter": filterView(req.Filter)}}
	if err := ex.RecordExport(ctx, audit); err != nil {
		return 0, err
	}
	n := 0
	err = ex.EachCase(ctx, q, func(c Case) error {
		if closed(c) {
			return nil
		}
		if !req.IncludePersonal {
			c.Submitter = Submitter{Kind: c.Submitter.Kind}
		}
		n++
		return fn(c)
	})
	return n, err
}

// closedPanelCases returns a test for the cases whose details are closed to
// the actor although they may know of them: panel seats (or a rapporteurship)
// without a "no conflict" declaration, as checkAccess rules.
func (s *Service) closedPanelCases(ctx context.Context, actor User) (func(Case) bool, error) {
	if actor.Role == RoleSecretariat {
		return func(Case) bool { return false }, nil
	}
	pr, err := s.panels()
	if err != nil {
		return func(Case) bool { return false }, nil
	}
	conflicts, err := pr.PanelConflicts(ctx, actor.ID)
	if err != nil {
		return nil, err
	}
	return func(c Case) bool {
		cf, onPanel := conflicts[c.ID]
		return (onPanel && cf != NoConflict) || (!onPanel && c.RapporteurID != 0 && c.RapporteurID == actor.ID) ||
			(!onPanel && mustDeclare(actor))
	}, nil
}

func filterView(q Query) map[string]any {
	v := map[string]any{"type": q.TypeCode, "status": q.Status, "risk": q.Risk, "sector": q.Sector, "year": q.Year, "due": q.Due}
	if strings.TrimSpace(q.Submitter) != "" {
		v["submitter"] = "one submitter's cases" // never the name: the log keeps no personal data
	}
	return v
}

// CalendarEvent is a deadline or a meeting for an iCalendar export.
type CalendarEvent struct {
	UID     string // stable, so a re-import updates rather than duplicates
	Day     Date
	Summary string
	Detail  string
}

// CalendarEvents lists the running deadlines of the cases the actor may
// read within q, and the committee's meetings, for members' calendars.
// Confidential cases appear by reference only. The export is recorded in
// the audit log.
func (s *Service) CalendarEvents(ctx context.Context, actor User, q Query) ([]CalendarEvent, error) {
	var out []CalendarEvent
	_, err := s.ExportCases(ctx, actor, ExportRequest{Filter: q, Format: "ics"}, func(c Case) error {
		if c.DueOn.IsZero() {
			return nil
		}
		title := c.Title
		if c.Confidential {
			title = ConfidentialTitle
		}
		what := "Decision due"
		if c.Status == FollowUp {
			what = "Follow-up review due"
		}
		out = append(out, CalendarEvent{UID: "deadline-" + c.Reference + "@ethicsdesk", Day: c.DueOn,
			Summary: what + ": " + c.Reference, Detail: title + " (" + StatusLabel(c.Status) + ")"})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if _, err := s.meetings(); err != nil {
		return out, nil // a store without meetings: deadlines only
	}
	ms, err := s.Meetings(ctx, actor)
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		title := m.Title
		if title == "" {
			title = "Committee meeting"
		}
		out = append(out, CalendarEvent{UID: "meeting-" + strconv.FormatInt(m.ID, 10) + "@ethicsdesk", Day: m.HeldOn, Summary: title})
	}
	return out, nil
}

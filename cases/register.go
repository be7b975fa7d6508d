package cases

import (
	"context"
	"strings"
)

// PageSize is how many register rows the window fetches at a time.
const PageSize = 100

// ListCases returns one window of the register for q.
func (s *Service) ListCases(ctx context.Context, actor User, q Query, offset, limit int) ([]Row, error) {
	if err := requireQuery(actor, q); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > 1000 {
		limit = PageSize
	}
	if offset < 0 {
		offset = 0
	}
	q.Today, q.Viewer = s.Today(), actor
	rows, err := s.repo.ListCases(ctx, q, offset, limit)
	if err != nil || actor.Role == RoleSecretariat {
		return rows, err
	}
	return s.hideUndeclaredTitles(ctx, actor, rows)
}

// hideUndeclaredTitles blanks the title of the cases whose panel the actor
// sits on without having declared "no conflict": the register shows them
// only the reference, type and respondent-free columns, as the case does.
func (s *Service) hideUndeclaredTitles(ctx context.Context, actor User, rows []Row) ([]Row, error) {
	pr, err := s.panels()
	if err != nil {
		return rows, nil // a store without panels has nothing to hide
	}
	conflicts, err := pr.PanelConflicts(ctx, actor.ID)
	if err != nil || len(conflicts) == 0 {
		return rows, err
	}
	for i := range rows {
		if c, on := conflicts[rows[i].ID]; on && c != NoConflict {
			rows[i].Title = ""
		}
	}
	return rows, nil
}

// CountCases returns how many cases match q and how many the register holds
// in all, for "1,204 of 100,000 cases".
func (s *Service) CountCases(ctx context.Context, actor User, q Query) (matching, total int, err error) {
	if err := requireQuery(actor, q); err != nil {
		return 0, 0, err
	}
	q.Today, q.Viewer = s.Today(), actor
	if matching, err = s.repo.CountCases(ctx, q); err != nil {
		return 0, 0, err
	}
	if total, err = s.repo.CountCases(ctx, Query{Today: q.Today, Viewer: actor}); err != nil {
		return 0, 0, err
	}
	return matching, total, nil
}

// DaysLeft is the number of calendar days from today to the due date;
// negative when overdue. ok is false when no deadline runs.
func (r Row) DaysLeft(today Date) (days int, ok bool) {
	if r.DueOn.IsZero() {
		return 0, false
	}
	return today.DaysUntil(r.DueOn), true
}

// Overdue is true when a running deadline has passed.
func (r Row) Overdue(today Date) bool {
	return !r.DueOn.IsZero() && r.DueOn.Before(today) && r.Status != AwaitingInfo
}

// DueSoon is true when a running deadline falls within DueSoonDays.
func (r Row) DueSoon(today Date) bool {
	return !r.DueOn.IsZero() && !r.DueOn.Before(today) && today.DaysUntil(r.DueOn) <= DueSoonDays && r.Status != AwaitingInfo
}

// requireQuery checks that actor may read the register with q: looking
// cases up by their submitter is reading personal data.
func requireQuery(actor User, q Query) error {
	if err := require(actor, ActViewRegister); err != nil {
		return err
	}
	if strings.TrimSpace(q.Submitter) != "" {
		return require(actor, ActViewSubmitter)
	}
	return nil
}

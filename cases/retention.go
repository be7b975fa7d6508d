package cases

import (
	"context"
	"time"
)

// RetentionRepository finds the closed cases whose retention period has
// run out and removes their submitters' identifying details.
type RetentionRepository interface {
	// RetentionDue lists the closed cases, closed on or before day, whose
	// submitter details have not been removed yet, oldest closure first.
	RetentionDue(ctx context.Context, closedOnOrBefore Date) ([]RetentionCase, error)
	// AnonymiseSubmitters removes the submitter's name and contact of each
	// case in ids, marks it anonymised at at, and writes one audit entry
	// per case from audit (its EntityID set to the case), all in one
	// transaction. It returns how many cases changed.
	AnonymiseSubmitters(ctx context.Context, ids []int64, at time.Time, audit AuditEntry) (int, error)
}

// RetentionCase is a closed case past its retention period.
type RetentionCase struct {
	ID        int64
	Reference string
	Title     string
	ClosedOn  Date
}

// RetentionReport is what the retention policy would change today.
type RetentionReport struct {
	Years        int
	ClosedBefore Date // cases closed on or before this day are due
	Cases        []RetentionCase
}

func (s *Service) retention() (RetentionRepository, error) {
	return s.repo, nil
}

// RetentionDue lists the closed cases whose retention period (the
// setting, in years after closure) has run out and whose submitters are
// still named: the cases ApplyRetention would anonymise. Administrator only.
func (s *Service) RetentionDue(ctx context.Context, actor User) (RetentionReport, error) {
	if err := require(actor, ActManageSettings); err != nil {
		return RetentionReport{}, err
	}
	repo, err := s.retention()
	if err != nil {
		return RetentionReport{}, err
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return RetentionReport{}, err
	}
	today := s.Today()
	r := RetentionReport{Years: st.RetentionYears, ClosedBefore: DateOf(today.Time().AddDate(-st.RetentionYears, 0, 0))}
	r.Cases, err = repo.RetentionDue(ctx, r.ClosedBefore)
	return r, err
}

// ApplyRetention removes the submitter's name and contact details from
// every case RetentionDue lists, keeping everything the statistics count
// (type, dates, sector, risk, breach, outcome). It is one transaction: all
// of them or none. Administrator only.
func (s *Service) ApplyRetention(ctx context.Context, actor User) (int, error) {
	due, err := s.RetentionDue(ctx, actor)
	if err != nil || len(due.Cases) == 0 {
		return 0, err
	}
	repo, _ := s.retention()
	ids := make([]int64, len(due.Cases))
	for i, c := range due.Cases {
		ids[i] = c.ID
	}
	return repo.AnonymiseSubmitters(ctx, ids, s.now(), AuditEntry{Actor: actor, Action: "case.anonymise", Entity: "case",
		After: map[string]any{"removed": []string{"submitter_name", "submitter_contact"}, "retention_years": due.Years}})
}

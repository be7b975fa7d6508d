package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/store"
)

// SeedOptions sizes the register Seed fills.
type SeedOptions struct {
	Cases    int
	Notes    int
	Seed     uint64
	End      time.Time // zero: now
	Opinions int       // how many recent decided cases get real signed opinions
	Progress func(done, total int)
}

// batchSize keeps each transaction short enough that another copy of the
// program can write between batches.
const batchSize = 2000

// Seed adds the demo accounts (if missing), a holiday calendar and
// opts.Cases synthetic cases to db.
func Seed(ctx context.Context, db *store.DB, opts SeedOptions) error {
	if opts.End.IsZero() {
		opts.End = time.Now()
	}
	// Only a new register, or one seed made, takes the demo accounts with
	// their public password.
	if err := db.MarkDemonstration(ctx); err != nil {
		return err
	}
	staff, members, err := ensurePeople(ctx, db)
	if err != nil {
		return err
	}
	holidays, err := ensureHolidays(ctx, db, opts.End)
	if err != nil {
		return err
	}
	types, err := db.CaseTypes(ctx)
	if err != nil {
		return err
	}
	g := NewGenerator(Config{Seed: opts.Seed, Cases: opts.Cases, Notes: opts.Notes, End: opts.End,
		Types: types, Holidays: holidays, Members: members, Staff: staff})
	batch := make([]cases.ImportedCase, 0, batchSize)
	var toIssue []pendingOpinion
	flush := func(done int) error {
		if len(batch) == 0 {
			return nil
		}
		err := db.ImportCases(ctx, batch, cases.AuditEntry{Actor: cases.System, Action: "demo.seed", Entity: "register",
			After: map[string]any{"cases": len(batch), "first": batch[0].Case.Reference, "last": batch[len(batch)-1].Case.Reference}})
		for i := range toIssue {
			if toIssue[i].caseID == 0 && err == nil {
				toIssue[i].caseID = batch[toIssue[i].pos].Case.ID
			}
		}
		batch = batch[:0]
		if err == nil && opts.Progress != nil {
			opts.Progress(done, opts.Cases)
		}
		return err
	}
	for i := 0; i < opts.Cases; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		ic := g.Case(i, opts.Cases)
		if len(toIssue) < opts.Opinions && i >= opts.Cases*4/5 {
			if p, ok := holdForSigning(&ic, members); ok {
				p.pos = len(batch)
				toIssue = append(toIssue, p)
			}
		}
		batch = append(batch, ic)
		if len(batch) == batchSize {
			if err := flush(i + 1); err != nil {
				return err
			}
		}
	}
	if err := flush(opts.Cases); err != nil {
		return err
	}
	return issueOpinions(ctx, db, toIssue, members)
}

// ensurePeople creates the demo accounts that do not exist yet and returns
// the secretariat staff and the members (chair included) with their ids.
func ensurePeople(ctx context.Context, db *store.DB) (staff, members []cases.User, err error) {
	hash, err := cases.HashPassword(DemoPassword)
	if err != nil {
		return nil, nil, err
	}
	for _, p := range People {
		u, err := db.UserByName(ctx, p.Username)
		if errors.Is(err, cases.ErrNotFound) {
			u = cases.User{Username: p.Username, DisplayName: p.DisplayName, Role: p.Role, Active: true}
			err = db.CreateUser(ctx, &u, hash, cases.AuditEntry{Actor: cases.System, Action: "user.create", Entity: "user",
				After: map[string]any{"username": p.Username, "role": p.Role}})
		}
		if err != nil {
			return nil, nil, fmt.Errorf("creating demo account %s: %w", p.Username, err)
		}
		switch u.Role {
		case cases.RoleSecretariat:
			staff = append(staff, u)
		case cases.RoleMember, cases.RoleChair:
			members = append(members, u)
		}
	}
	return staff, members, nil
}

// ensureHolidays adds the mainland public holidays the demo calendar uses
// (fixed-date ones, for every year the register spans) if none are set.
func ensureHolidays(ctx context.Context, db *store.DB, end time.Time) ([]cases.Holiday, error) {
	existing, err := db.Holidays(ctx)
	if err != nil || len(existing) > 0 {
		return existing, err
	}
	var hs []cases.Holiday
	for y := end.Year() - 8; y <= end.Year()+1; y++ {
		hs = append(hs, cases.Holiday{Day: cases.NewDate(y, 1, 1), Name: "New Year's Day"},
			cases.Holiday{Day: cases.NewDate(y, 5, 1), Name: "Labour Day"})
		for d := 1; d <= 3; d++ {
			hs = append(hs, cases.Holiday{Day: cases.NewDate(y, 10, d), Name: "National Day"})
		}
	}
	for _, h := range hs {
		if err := db.SaveHoliday(ctx, h, cases.AuditEntry{Actor: cases.System, Action: "holiday.save", Entity: "holiday",
			After: h.Day.String() + " " + h.Name}); err != nil {
			return nil, err
		}
	}
	return hs, nil
}

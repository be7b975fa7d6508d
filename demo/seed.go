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
	flush := func(done int) error {
		if len(batch) == 0 {
			return nil
		}
		err := db.ImportCases(ctx, batch, cases.AuditEntry{Actor: cases.System, Action: "demo.seed", Entity: "register",
			After: map[string]any{"cases": len(batch), "first": batch[0].Case.Reference, "last": batch[len(batch)-1].Case.Reference}})
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
		batch = append(batch, g.Case(i, opts.Cases))
		if len(batch) == batchSize {
			if err := flush(i + 1); err != nil {
				return err
			}
		}
	}
	return flush(opts.Cases)
}

// ensurePeople creates the demo accounts that do not exist yet and returns
// the secretariat staff and the members (chair included) with their ids.
func ensurePeople(ctx context.Context, db *store.DB) (staff, members []cases.User, err error) {
	for _, p := range People {
		u, err := db.UserByName(ctx, p.Username)
		if errors.Is(err, cases.ErrNotFound) {
			u = cases.User{Username: p.Username, DisplayName: p.DisplayName, Role: p.Role, Active: true}
			err = db.CreateUser(ctx, &u, "", cases.AuditEntry{Actor: cases.System, Action: "user.create", Entity: "user",
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

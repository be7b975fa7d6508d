package pgstore

import (
	"context"
	"time"

	"ethicsdesk/cases"
)

// CaseTypes lists the case types in display order.
func (db *DB) CaseTypes(ctx context.Context) ([]cases.CaseType, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT code, name, complaint, decision_days, working_days FROM case_types ORDER BY sort_order, code COLLATE "C"`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []cases.CaseType
	for rows.Next() {
		var t cases.CaseType
		if err := rows.Scan(&t.Code, &t.Name, &t.Complaint, &t.DecisionDays, &t.WorkingDays); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// SaveCaseType inserts or updates a case type.
func (db *DB) SaveCaseType(ctx context.Context, t cases.CaseType, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(tx *tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO case_types (code, name, complaint, decision_days, working_days, sort_order)
			VALUES ($1, $2, $3, $4, $5, (SELECT COALESCE(MAX(sort_order), 0) + 1 FROM case_types))
			ON CONFLICT (code) DO UPDATE SET name = $2, complaint = $3, decision_days = $4, working_days = $5`,
			t.Code, t.Name, boolInt(t.Complaint), t.DecisionDays, boolInt(t.WorkingDays))
		if err != nil {
			return err
		}
		return appendAudit(ctx, tx, audit, time.Now())
	})
}

// Catalogue lists the classification codes.
func (db *DB) Catalogue(ctx context.Context) ([]cases.CatalogueEntry, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT code, name FROM catalogue ORDER BY code COLLATE "C"`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []cases.CatalogueEntry
	for rows.Next() {
		var c cases.CatalogueEntry
		if err := rows.Scan(&c.Code, &c.Name); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Holidays lists the holiday calendar, oldest first.
func (db *DB) Holidays(ctx context.Context) ([]cases.Holiday, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT day, name, working FROM holidays ORDER BY day COLLATE "C"`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []cases.Holiday
	for rows.Next() {
		var day, name string
		var working bool
		if err := rows.Scan(&day, &name, &working); err != nil {
			return nil, err
		}
		d, err := cases.ParseDate(day)
		if err != nil {
			return nil, err
		}
		out = append(out, cases.Holiday{Day: d, Name: name, Working: working})
	}
	return out, rows.Err()
}

// SaveHoliday adds or renames a holiday (or a make-up working day).
func (db *DB) SaveHoliday(ctx context.Context, h cases.Holiday, audit cases.AuditEntry) error {
	return db.SaveHolidays(ctx, []cases.Holiday{h}, []cases.AuditEntry{audit})
}

// SaveHolidays adds or replaces several days, each with its audit entry,
// in one transaction.
func (db *DB) SaveHolidays(ctx context.Context, days []cases.Holiday, audits []cases.AuditEntry) error {
	return db.writeTx(ctx, func(tx *tx) error {
		now := time.Now()
		for i, h := range days {
			if _, err := tx.ExecContext(ctx, "INSERT INTO holidays (day, name, working) VALUES ($1, $2, $3) ON CONFLICT (day) DO UPDATE SET name = $2, working = $3",
				h.Day.String(), h.Name, boolInt(h.Working)); err != nil {
				return err
			}
			if i < len(audits) {
				if err := appendAudit(ctx, tx, audits[i], now); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// DeleteHoliday removes a holiday.
func (db *DB) DeleteHoliday(ctx context.Context, day cases.Date, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(tx *tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM holidays WHERE day = $1", day.String())
		if err != nil {
			return err
		}
		// A day no longer in the calendar (removed meanwhile from another
		// window or laptop) is not deleted again, and not audited as if it were.
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return cases.ErrNotFound
		}
		return appendAudit(ctx, tx, audit, time.Now())
	})
}

// SaveCatalogueEntry adds a classification code or renames one, with its
// audit entry (cases.CatalogueRepository).
func (db *DB) SaveCatalogueEntry(ctx context.Context, e cases.CatalogueEntry, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(tx *tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO catalogue (code, name) VALUES ($1, $2)
			ON CONFLICT (code) DO UPDATE SET name = $2`, e.Code, e.Name); err != nil {
			return err
		}
		return appendAudit(ctx, tx, audit, time.Now())
	})
}

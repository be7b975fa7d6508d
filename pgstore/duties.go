package pgstore

import (
	"context"

	"ethicsdesk/cases"
)

// CaseDuties reads the duty checks the panel recorded for a case
// (cases.DutyRepository).
func (db *DB) CaseDuties(ctx context.Context, caseID int64) ([]cases.DutyCheck, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT duty, met, evidence, marked_by_id, marked_by, marked_at
		FROM case_duties WHERE case_id = $1 ORDER BY duty COLLATE "C"`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []cases.DutyCheck
	for rows.Next() {
		var d cases.DutyCheck
		var at string
		if err := rows.Scan(&d.Duty, &d.Met, &d.Evidence, &d.MarkedByID, &d.MarkedBy, &at); err != nil {
			return nil, err
		}
		d.MarkedAt = parseTime(at)
		out = append(out, d)
	}
	return out, rows.Err()
}

// SaveDutyCheck records the panel's latest finding on one duty, with its
// audit entry, in one transaction.
func (db *DB) SaveDutyCheck(ctx context.Context, caseID int64, d cases.DutyCheck, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(tx *tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO case_duties (case_id, duty, met, evidence, marked_by_id, marked_by, marked_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)
			ON CONFLICT (case_id, duty) DO UPDATE SET met = EXCLUDED.met, evidence = EXCLUDED.evidence,
				marked_by_id = EXCLUDED.marked_by_id, marked_by = EXCLUDED.marked_by, marked_at = EXCLUDED.marked_at`,
			caseID, string(d.Duty), boolInt(d.Met), d.Evidence, d.MarkedByID, d.MarkedBy, formatTime(d.MarkedAt)); err != nil {
			return err
		}
		return appendAudit(ctx, tx, audit, d.MarkedAt)
	})
}

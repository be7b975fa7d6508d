package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"ethicsdesk/cases"
)

// NotDemonstrationError refuses to add invented cases and accounts to a
// register that holds real work.
type NotDemonstrationError struct{ Path string }

func (e *NotDemonstrationError) Error() string {
	return fmt.Sprintf("%s is a register in use, not a demonstration register: seed only fills a new register or one it made itself. Nothing was added.", e.Path)
}

// IsDemonstration says whether the register is marked as a demonstration.
func (db *DB) IsDemonstration(ctx context.Context) (bool, error) {
	var v string
	err := db.read.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?1", cases.DemonstrationSetting).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return v == "yes", err
}

// MarkDemonstration marks the register as a demonstration if it is one
// already or is still empty (no account, no case); a register with
// accounts or cases of its own is refused with NotDemonstrationError.
func (db *DB) MarkDemonstration(ctx context.Context) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		var marked, users, cs int
		err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM settings WHERE key = ?1 AND value = 'yes'),
			(SELECT count(*) FROM users), (SELECT count(*) FROM cases)`, cases.DemonstrationSetting).Scan(&marked, &users, &cs)
		if err != nil {
			return err
		}
		if marked > 0 {
			return nil
		}
		if users > 0 || cs > 0 {
			return &NotDemonstrationError{Path: db.Path}
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES (?1, 'yes')", cases.DemonstrationSetting); err != nil {
			return err
		}
		return appendAudit(ctx, tx, cases.AuditEntry{Actor: cases.System, Action: "register.mark_demonstration", Entity: "settings",
			After: map[string]any{cases.DemonstrationSetting: "yes"}}, time.Now())
	})
}

package store

import (
	"context"
	"database/sql"
	"time"

	"ethicsdesk/cases"
)

var _ cases.PanelRepository = (*DB)(nil)

// Panel lists a case's declarations, the appointed panel's and readers',
// rapporteur first, then by name.
func (db *DB) Panel(ctx context.Context, caseID int64) ([]cases.PanelMember, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT p.user_id, u.username, u.display_name, u.role, p.conflict, p.conflict_reason,
		p.declared_at, COALESCE(c.rapporteur_id = p.user_id, 0), p.appointed
		FROM case_panel p JOIN users u ON u.id = p.user_id JOIN cases c ON c.id = p.case_id
		WHERE p.case_id = ?1
		ORDER BY COALESCE(c.rapporteur_id = p.user_id, 0) DESC, u.display_name COLLATE NOCASE, u.username`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []cases.PanelMember
	for rows.Next() {
		p := cases.PanelMember{CaseID: caseID}
		var username, display, declared string
		if err := rows.Scan(&p.UserID, &username, &display, &p.Role, &p.Conflict, &p.Reason, &declared, &p.Rapporteur, &p.Appointed); err != nil {
			return nil, err
		}
		p.Name = cases.User{Username: username, DisplayName: display}.Name()
		if declared != "" {
			p.DeclaredAt = parseTime(declared)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// PanelConflicts maps each case whose panel the user sits on (or whose
// rapporteur they are) to their declaration.
func (db *DB) PanelConflicts(ctx context.Context, userID int64) (map[int64]cases.Conflict, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT case_id, conflict FROM case_panel WHERE user_id = ?1
		UNION ALL
		SELECT id, '' FROM cases c WHERE rapporteur_id = ?1
			AND NOT EXISTS (SELECT 1 FROM case_panel p WHERE p.case_id = c.id AND p.user_id = ?1)`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]cases.Conflict{}
	for rows.Next() {
		var id int64
		var c cases.Conflict
		if err := rows.Scan(&id, &c); err != nil {
			return nil, err
		}
		out[id] = c
	}
	return out, rows.Err()
}

// insertPanelRow appoints the user to the case's panel (added, made
// rapporteur, designated); a declaration they made as a reader stays.
func insertPanelRow(ctx context.Context, tx *sql.Tx, caseID, userID int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO case_panel (case_id, user_id, appointed) VALUES (?1, ?2, 1)
		ON CONFLICT (case_id, user_id) DO UPDATE SET appointed = 1`, caseID, userID)
	return err
}

// AddPanelMember appoints a user to a case's panel.
func (db *DB) AddPanelMember(ctx context.Context, caseID, userID int64, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		if err := insertPanelRow(ctx, tx, caseID, userID); err != nil {
			return err
		}
		return appendAudit(ctx, tx, audit, time.Now())
	})
}

// RemovePanelMember takes an appointed user off a case's panel.
func (db *DB) RemovePanelMember(ctx context.Context, caseID, userID int64, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM case_panel WHERE case_id = ?1 AND user_id = ?2 AND appointed = 1", caseID, userID)
		if err := affectedOne(res, err); err != nil {
			return err
		}
		return appendAudit(ctx, tx, audit, time.Now())
	})
}

// SetRapporteur makes u the rapporteur of the case and a panel member.
func (db *DB) SetRapporteur(ctx context.Context, caseID int64, u cases.User, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE cases SET rapporteur_id = ?2, rapporteur_name = ?3, version = version + 1 WHERE id = ?1",
			caseID, u.ID, u.Name())
		if err := affectedOne(res, err); err != nil {
			return err
		}
		if err := insertPanelRow(ctx, tx, caseID, u.ID); err != nil {
			return err
		}
		return appendAudit(ctx, tx, audit, time.Now())
	})
}

// DeclareInterest records a declaration, of a panel member or a reader.
func (db *DB) DeclareInterest(ctx context.Context, caseID, userID int64, c cases.Conflict, reason string, at time.Time, appointed, clearRapporteur bool, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		// A new row is a reader's unless the domain says otherwise (a
		// rapporteur without a row); an existing row stays as it was.
		if _, err := tx.ExecContext(ctx, `INSERT INTO case_panel (case_id, user_id, appointed) VALUES (?1, ?2, ?3)
			ON CONFLICT DO NOTHING`, caseID, userID, appointedFlag(appointed)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE case_panel SET conflict = ?3, conflict_reason = ?4, declared_at = ?5
			WHERE case_id = ?1 AND user_id = ?2`, caseID, userID, c, reason, formatTime(at)); err != nil {
			return err
		}
		if clearRapporteur {
			if _, err := tx.ExecContext(ctx, `UPDATE cases SET rapporteur_id = NULL, rapporteur_name = '', version = version + 1
				WHERE id = ?1 AND rapporteur_id = ?2`, caseID, userID); err != nil {
				return err
			}
		}
		return appendAudit(ctx, tx, audit, at)
	})
}

// appointedFlag is case_panel.appointed's stored value.
func appointedFlag(appointed bool) int {
	if appointed {
		return 1
	}
	return 0
}

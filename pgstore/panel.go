package pgstore

import (
	"context"
	"time"

	"ethicsdesk/cases"
)

// Panel lists a case's declarations, the appointed panel's and readers',
// rapporteur first, then by name.
func (db *DB) Panel(ctx context.Context, caseID int64) ([]cases.PanelMember, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT p.user_id, u.username, u.display_name, u.role, p.conflict, p.conflict_reason,
		p.declared_at, COALESCE(c.rapporteur_id = p.user_id, false) AS rapporteur, p.appointed = 1
		FROM case_panel p JOIN users u ON u.id = p.user_id JOIN cases c ON c.id = p.case_id
		WHERE p.case_id = $1
		ORDER BY rapporteur DESC, lower(u.display_name COLLATE "C"), u.username COLLATE "C"`, caseID)
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
	rows, err := db.db.QueryContext(ctx, `SELECT case_id, conflict FROM case_panel WHERE user_id = $1
		UNION ALL
		SELECT id, '' FROM cases c WHERE rapporteur_id = $1
			AND NOT EXISTS (SELECT 1 FROM case_panel p WHERE p.case_id = c.id AND p.user_id = $1)`, userID)
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
func insertPanelRow(ctx context.Context, t *tx, caseID, userID int64) error {
	_, err := t.ExecContext(ctx, `INSERT INTO case_panel (case_id, user_id, appointed) VALUES ($1, $2, 1)
		ON CONFLICT (case_id, user_id) DO UPDATE SET appointed = 1`, caseID, userID)
	return err
}

// AddPanelMember appoints a user to a case's panel.
func (db *DB) AddPanelMember(ctx context.Context, caseID, userID int64, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(t *tx) error {
		if err := insertPanelRow(ctx, t, caseID, userID); err != nil {
			return err
		}
		return appendAudit(ctx, t, audit, time.Now())
	})
}

// RemovePanelMember takes an appointed user off a case's panel.
func (db *DB) RemovePanelMember(ctx context.Context, caseID, userID int64, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(t *tx) error {
		res, err := t.ExecContext(ctx, "DELETE FROM case_panel WHERE case_id = $1 AND user_id = $2 AND appointed = 1", caseID, userID)
		if err := affectedOne(res, err); err != nil {
			return err
		}
		return appendAudit(ctx, t, audit, time.Now())
	})
}

// SetRapporteur makes u the rapporteur of the case and a panel member.
func (db *DB) SetRapporteur(ctx context.Context, caseID int64, u cases.User, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(t *tx) error {
		res, err := t.ExecContext(ctx, "UPDATE cases SET rapporteur_id = $2, rapporteur_name = $3, version = version + 1 WHERE id = $1",
			caseID, u.ID, u.Name())
		if err := affectedOne(res, err); err != nil {
			return err
		}
		t.touch("case", caseID)
		if err := insertPanelRow(ctx, t, caseID, u.ID); err != nil {
			return err
		}
		return appendAudit(ctx, t, audit, time.Now())
	})
}

// DeclareInterest records a declaration, of a panel member or a reader.
func (db *DB) DeclareInterest(ctx context.Context, caseID, userID int64, c cases.Conflict, reason string, at time.Time, appointed, clearRapporteur bool, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(t *tx) error {
		// A new row is a reader's unless the domain says otherwise (a
		// rapporteur without a row); an existing row stays as it was.
		if _, err := t.ExecContext(ctx, `INSERT INTO case_panel (case_id, user_id, appointed) VALUES ($1, $2, $3)
			ON CONFLICT DO NOTHING`, caseID, userID, appointedFlag(appointed)); err != nil {
			return err
		}
		if _, err := t.ExecContext(ctx, `UPDATE case_panel SET conflict = $3, conflict_reason = $4, declared_at = $5
			WHERE case_id = $1 AND user_id = $2`, caseID, userID, c, reason, formatTime(at)); err != nil {
			return err
		}
		if clearRapporteur {
			res, err := t.ExecContext(ctx, `UPDATE cases SET rapporteur_id = NULL, rapporteur_name = '', version = version + 1
				WHERE id = $1 AND rapporteur_id = $2`, caseID, userID)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n > 0 {
				t.touch("case", caseID)
			}
		}
		return appendAudit(ctx, t, audit, at)
	})
}

// Designate replaces a case's designated members and puts them on its panel.
func (db *DB) Designate(ctx context.Context, caseID int64, userIDs []int64, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(t *tx) error {
		if _, err := t.ExecContext(ctx, "DELETE FROM simplified_views WHERE case_id = $1", caseID); err != nil {
			return err
		}
		for _, id := range userIDs {
			if _, err := t.ExecContext(ctx, "INSERT INTO simplified_views (case_id, user_id) VALUES ($1, $2)", caseID, id); err != nil {
				return err
			}
			if err := insertPanelRow(ctx, t, caseID, id); err != nil {
				return err
			}
		}
		return appendAudit(ctx, t, audit, time.Now())
	})
}

// SimplifiedViews lists the designated members and their views.
func (db *DB) SimplifiedViews(ctx context.Context, caseID int64) ([]cases.SimplifiedView, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT s.user_id, u.username, u.display_name, s.view, s.comment, s.at
		FROM simplified_views s JOIN users u ON u.id = s.user_id WHERE s.case_id = $1
		ORDER BY lower(u.display_name COLLATE "C"), u.username COLLATE "C"`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []cases.SimplifiedView
	for rows.Next() {
		var v cases.SimplifiedView
		var username, display, at string
		if err := rows.Scan(&v.UserID, &username, &display, &v.View, &v.Comment, &at); err != nil {
			return nil, err
		}
		v.Name = cases.User{Username: username, DisplayName: display}.Name()
		if at != "" {
			v.At = parseTime(at)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// SaveView records a designated member's view and, when referTo is set,
// puts the case on that meeting's agenda.
func (db *DB) SaveView(ctx context.Context, caseID int64, v cases.SimplifiedView, referTo int64, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(t *tx) error {
		res, err := t.ExecContext(ctx, "UPDATE simplified_views SET view = $3, comment = $4, at = $5 WHERE case_id = $1 AND user_id = $2",
			caseID, v.UserID, v.View, v.Comment, formatTime(v.At))
		if err := affectedOne(res, err); err != nil {
			return err
		}
		if referTo != 0 {
			if err := addAgendaRow(ctx, t, referTo, caseID); err != nil {
				return err
			}
		}
		return appendAudit(ctx, t, audit, v.At)
	})
}

// appointedFlag is case_panel.appointed's stored value.
func appointedFlag(appointed bool) int {
	if appointed {
		return 1
	}
	return 0
}

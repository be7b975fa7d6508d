package store

import (
	"context"
	"database/sql"
	"time"

	"ethicsdesk/cases"
)

var _ cases.SimplifiedRepository = (*DB)(nil)

// Designate replaces a case's designated members and puts them on its panel.
func (db *DB) Designate(ctx context.Context, caseID int64, userIDs []int64, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM simplified_views WHERE case_id = ?1", caseID); err != nil {
			return err
		}
		for _, id := range userIDs {
			if _, err := tx.ExecContext(ctx, "INSERT INTO simplified_views (case_id, user_id) VALUES (?1, ?2)", caseID, id); err != nil {
				return err
			}
			if err := insertPanelRow(ctx, tx, caseID, id); err != nil {
				return err
			}
		}
		return appendAudit(ctx, tx, audit, time.Now())
	})
}

// SimplifiedViews lists the designated members and their views.
func (db *DB) SimplifiedViews(ctx context.Context, caseID int64) ([]cases.SimplifiedView, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT s.user_id, u.username, u.display_name, s.view, s.comment, s.at
		FROM simplified_views s JOIN users u ON u.id = s.user_id WHERE s.case_id = ?1
		ORDER BY u.display_name COLLATE NOCASE, u.username`, caseID)
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
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE simplified_views SET view = ?3, comment = ?4, at = ?5 WHERE case_id = ?1 AND user_id = ?2",
			caseID, v.UserID, v.View, v.Comment, formatTime(v.At))
		if err := affectedOne(res, err); err != nil {
			return err
		}
		if referTo != 0 {
			if err := addAgendaRow(ctx, tx, referTo, caseID); err != nil {
				return err
			}
		}
		return appendAudit(ctx, tx, audit, v.At)
	})
}

package store

import (
	"context"
	"database/sql"

	"ethicsdesk/cases"
)

// AddNote stores a note on a case.
func (db *DB) AddNote(ctx context.Context, n *cases.Note, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO notes (case_id, at, author_id, author_name, body, private)
			VALUES (?1, ?2, ?3, ?4, ?5, ?6)`, n.CaseID, formatTime(n.At), n.AuthorID, n.Author, n.Body, boolInt(n.Private))
		if err != nil {
			return err
		}
		if n.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		audit.EntityID = n.ID
		return appendAudit(ctx, tx, audit, n.At)
	})
}

// Notes lists a case's notes, newest first, without other users' private notes.
func (db *DB) Notes(ctx context.Context, caseID, viewerID int64) ([]cases.Note, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, case_id, at, author_id, author_name, body, private FROM notes
		WHERE case_id = ?1 AND (private = 0 OR author_id = ?2) ORDER BY at DESC, id DESC`, caseID, viewerID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []cases.Note
	for rows.Next() {
		var n cases.Note
		var at string
		if err := rows.Scan(&n.ID, &n.CaseID, &at, &n.AuthorID, &n.Author, &n.Body, &n.Private); err != nil {
			return nil, err
		}
		n.At = parseTime(at)
		out = append(out, n)
	}
	return out, rows.Err()
}

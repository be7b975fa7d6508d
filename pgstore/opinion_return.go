package pgstore

import (
	"context"
	"fmt"

	"ethicsdesk/cases"
)

// ReturnOpinion voids the rapporteur's signature on a signed draft and
// starts its next version, with the note that puts the return on the
// case's timeline, in one transaction with the audit entry (which keeps
// who had signed, when, and the signed file's SHA-256).
func (db *DB) ReturnOpinion(ctx context.Context, r cases.OpinionReturn, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(tx *tx) error {
		at := formatTime(r.Note.At)
		res, err := tx.ExecContext(ctx, `UPDATE opinions SET state = 'draft', version = version + 1, pdf = NULL, pdf_sha256 = '',
			sig_layout = '', updated_at = $3, updated_by = $4
			WHERE id = $1 AND case_id = $2 AND state = 'signed_by_rapporteur'`, r.OpinionID, r.CaseID, at, r.Note.Author)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("The opinion changed meanwhile (countersigned or already returned); reopen it to see its state.")
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM opinion_signatures WHERE opinion_id = $1", r.OpinionID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO opinion_versions (opinion_id, version, saved_at, saved_by, decision, body)
			SELECT id, version, $2, $3, decision, body FROM opinions WHERE id = $1`, r.OpinionID, at, r.Note.Author); err != nil {
			return err
		}
		n := r.Note
		err = tx.QueryRowContext(ctx, `INSERT INTO notes (case_id, at, author_id, author_name, body, private)
			VALUES ($1, $2, $3, $4, $5, 0) RETURNING id`, n.CaseID, at, n.AuthorID, n.Author, n.Body).Scan(&n.ID)
		if err != nil {
			return err
		}
		tx.touch("opinion", r.OpinionID)
		tx.touch("note", n.ID)
		if err := indexNote(ctx, tx, n); err != nil {
			return err
		}
		return appendAudit(ctx, tx, audit, n.At)
	})
}

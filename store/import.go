package store

import (
	"context"
	"database/sql"
	"time"

	"ethicsdesk/cases"
)

// ImportCases writes whole cases with their history and notes in one
// transaction, handing out references as CreateCase does. Each case gets
// an audit entry of its own ("case.import", by the batch's actor), which
// fingerprints the case and its notes so `check` can compare them later;
// one more entry records the batch.
func (db *DB) ImportCases(ctx context.Context, batch []cases.ImportedCase, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		// The search index is written once for the whole batch (search_index.go).
		resume, err := suspendIndexing(ctx, tx)
		if err != nil {
			return err
		}
		defer resume()
		var ix importIndexer
		now := time.Now()
		noteStmt, err := tx.PrepareContext(ctx, `INSERT INTO notes (case_id, at, author_id, author_name, body, private)
			VALUES (?1, ?2, ?3, ?4, ?5, ?6)`)
		if err != nil {
			return err
		}
		defer noteStmt.Close()
		for i := range batch {
			ic := &batch[i]
			c := &ic.Case
			if err := insertCaseRow(ctx, tx, c); err != nil {
				return err
			}
			ix.addCase(c.ID)
			for j := range ic.History {
				ic.History[j].CaseID = c.ID
				if err := insertStatusChange(ctx, tx, &ic.History[j]); err != nil {
					return err
				}
			}
			for j := range ic.Notes {
				n := &ic.Notes[j]
				n.CaseID = c.ID
				res, err := noteStmt.ExecContext(ctx, c.ID, formatTime(n.At), n.AuthorID, n.Author, n.Body, boolInt(n.Private))
				if err != nil {
					return err
				}
				n.ID, _ = res.LastInsertId()
				ix.addNote(n.ID)
			}
			if err := appendAudit(ctx, tx, cases.AuditEntry{Actor: audit.Actor, Action: "case.import", Entity: "case", EntityID: c.ID,
				After: map[string]any{"reference": c.Reference, "status": c.Status, "notes": len(ic.Notes)}}, now); err != nil {
				return err
			}
		}
		if err := ix.index(ctx, tx); err != nil {
			return err
		}
		if audit.After == nil {
			audit.After = map[string]any{"cases": len(batch)}
		}
		return appendAudit(ctx, tx, audit, now)
	})
}

package pgstore

import (
	"context"
	"time"

	"ethicsdesk/cases"
)

// EachCase implements cases.ExportRepository: every case matching q, in the
// register's sort order, read in one consistent snapshot.
func (db *DB) EachCase(ctx context.Context, q cases.Query, fn func(cases.Case) error) error {
	w, args := where(q)
	col, ok := sortColumns[q.Sort]
	if !ok {
		col = sortColumns[cases.SortReference]
	}
	dir := " ASC"
	if q.Desc {
		dir = " DESC"
	}
	rows, err := db.db.QueryContext(ctx, "SELECT "+caseColumns+" FROM cases c"+w+" ORDER BY "+col+dir+", c.id"+dir, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return err
		}
		if err := fn(c); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return rows.Err()
}

// RecordExport implements cases.ExportRepository: the audit entry alone,
// in its own write transaction.
func (db *DB) RecordExport(ctx context.Context, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(tx *tx) error {
		return appendAudit(ctx, tx, audit, time.Now())
	})
}

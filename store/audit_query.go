package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"ethicsdesk/cases"
)

var _ cases.AuditRepository = (*DB)(nil)

// auditWhere builds the audit view's filter. A case's entries are those
// about the case itself and about its notes (whose entries carry the case
// id in their "after" record).
func auditWhere(f cases.AuditFilter) (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		conds = append(conds, strings.ReplaceAll(cond, "?", "?"+strconv.Itoa(len(args))))
	}
	if f.UserID != 0 {
		add("actor_id = ?", f.UserID)
	}
	if f.CaseID != 0 {
		add("((entity = 'case' AND entity_id = ?) OR (entity = 'note' AND json_valid(after) AND json_extract(after, '$.case_id') = ?))", f.CaseID)
	}
	switch a := f.Action; {
	case strings.HasSuffix(a, "."):
		add("substr(action, 1, length(?)) = ?", a)
	case a != "":
		add("action = ?", a)
	}
	// Days are the user's calendar days; the log stores UTC.
	if !f.From.IsZero() {
		add("at >= ?", formatTime(localMidnight(f.From, 0)))
	}
	if !f.To.IsZero() {
		add("at < ?", formatTime(localMidnight(f.To, 1)))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// localMidnight is the start of the local calendar day d plus days.
func localMidnight(d cases.Date, days int) time.Time {
	y, m, day := d.Time().Date()
	return time.Date(y, m, day+days, 0, 0, 0, 0, time.Local)
}

// AuditQuery returns one page of the audit log, newest first.
func (db *DB) AuditQuery(ctx context.Context, f cases.AuditFilter) ([]cases.AuditRecord, int, error) {
	w, args := auditWhere(f)
	var total int
	if err := db.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM audit_log"+w, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	args = append(args, f.Limit, f.Offset)
	n := len(args)
	rows, err := db.read.QueryContext(ctx, `SELECT seq, at, actor_id, actor, action, entity, entity_id, before, after, hash
		FROM audit_log`+w+" ORDER BY seq DESC LIMIT ?"+strconv.Itoa(n-1)+" OFFSET ?"+strconv.Itoa(n), args...)
	if err != nil {
		return nil, 0, err
	}
	out, err := scanAuditRecords(rows)
	return out, total, err
}

// scanAuditRecords reads the audit view's columns (seq, at, actor_id,
// actor, action, entity, entity_id, before, after, hash) from rows.
func scanAuditRecords(rows *sql.Rows) ([]cases.AuditRecord, error) {
	defer rows.Close()
	var out []cases.AuditRecord
	for rows.Next() {
		var r cases.AuditRecord
		var at string
		if err := rows.Scan(&r.Seq, &at, &r.ActorID, &r.Actor, &r.Action, &r.Entity, &r.EntityID, &r.Before, &r.After, &r.Hash); err != nil {
			return nil, err
		}
		r.At = parseTime(at)
		out = append(out, r)
	}
	return out, rows.Err()
}

var _ cases.AuditTail = (*DB)(nil)

// AuditAfter returns the entries numbered after seq, oldest first, at most
// limit: the change feed's read, by the primary key alone.
func (db *DB) AuditAfter(ctx context.Context, seq int64, limit int) ([]cases.AuditRecord, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT seq, at, actor_id, actor, action, entity, entity_id, before, after, hash
		FROM audit_log WHERE seq > ?1 ORDER BY seq LIMIT ?2`, seq, limit)
	if err != nil {
		return nil, err
	}
	return scanAuditRecords(rows)
}

// AuditActions lists the distinct recorded actions.
func (db *DB) AuditActions(ctx context.Context) ([]string, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT DISTINCT action FROM audit_log ORDER BY action")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

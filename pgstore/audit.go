package pgstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/internal/auditchain"
)

var errNotFound = cases.ErrNotFound

// genesisHash is the "previous hash" of the first audit entry.
// The entry format and its hash are shared with the other engine's store
// (internal/auditchain), so a copied register keeps its chain.
const genesisHash = auditchain.Genesis

type auditRecord = auditchain.Record

var marshalAudit = auditchain.Marshal

// appendAudit chains e onto the log inside t, the transaction of the
// change, with the fingerprints of the rows t wrote since its last entry.
func appendAudit(ctx context.Context, t *tx, e cases.AuditEntry, at time.Time) error {
	r := auditRecord{At: formatTime(at), ActorID: e.Actor.ID, Actor: e.Actor.Name(), Action: e.Action,
		Entity: e.Entity, EntityID: e.EntityID, Before: marshalAudit(e.Before), After: marshalAudit(e.After)}
	prints, err := touchedFingerprints(ctx, t)
	if err != nil {
		return err
	}
	r.Fingerprints = prints
	err = t.QueryRowContext(ctx, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").Scan(&r.Seq, &r.PrevHash)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		r.Seq, r.PrevHash = 0, genesisHash
	case err != nil:
		return err
	}
	r.Seq++
	r.Hash = r.ComputeHash()
	_, err = t.ExecContext(ctx, `INSERT INTO audit_log (seq, at, actor_id, actor, action, entity, entity_id, before, after, prev_hash, hash, fingerprints)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		r.Seq, r.At, r.ActorID, r.Actor, r.Action, r.Entity, r.EntityID, r.Before, r.After, r.PrevHash, r.Hash, r.Fingerprints)
	return err
}

// AuditHead is the newest entry's sequence number and hash.
func (db *DB) AuditHead(ctx context.Context) (seq int64, hash string, err error) {
	err = db.db.QueryRowContext(ctx, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").Scan(&seq, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, genesisHash, nil
	}
	return seq, hash, err
}

// VerifyAuditChain recomputes every hash; it returns the sequence number of
// the first entry that does not match, or 0 when the chain is whole.
func (db *DB) VerifyAuditChain(ctx context.Context) (badSeq int64, problem string, err error) {
	w, err := db.walkAudit(ctx)
	if err != nil {
		return 0, "", err
	}
	return w.BadSeq, w.Problem, nil
}

// auditWalk is one pass over the log (internal/auditchain, shared with
// the other engine's store).
type auditWalk = auditchain.Walk

func (db *DB) walkAudit(ctx context.Context) (*auditWalk, error) {
	return auditchain.WalkChain(ctx, db.db, isTracked)
}

// AuditQuery returns one page of matching entries, newest first, and how
// many match in all.
func (db *DB) AuditQuery(ctx context.Context, f cases.AuditFilter) ([]cases.AuditRecord, int, error) {
	var conds []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		conds = append(conds, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
	}
	if f.UserID != 0 {
		add("actor_id = ?", f.UserID)
	}
	if f.CaseID != 0 {
		// A case's entries are those about the case and about what belongs
		// to it — notes, attachments, letters, opinions, agenda places —
		// whose entries carry the case id in their "after" (or, for a
		// removal, "before") record: the SQLite store's filter.
		add("((entity = 'case' AND entity_id = ?) OR (entity <> 'case' AND (audit_case_id(after) = ? OR audit_case_id(before) = ?)))", f.CaseID)
	}
	if f.Action != "" {
		if strings.HasSuffix(f.Action, ".") {
			add("starts_with(action, ?)", f.Action)
		} else {
			add("action = ?", f.Action)
		}
	}
	if !f.From.IsZero() {
		add("at >= ?", formatTime(localMidnight(f.From, 0)))
	}
	if !f.To.IsZero() {
		add("at < ?", formatTime(localMidnight(f.To, 1)))
	}
	w := ""
	if len(conds) > 0 {
		w = " WHERE " + strings.Join(conds, " AND ")
	}
	var total int
	if err := db.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM audit_log"+w, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	n := len(args)
	rows, err := db.db.QueryContext(ctx, fmt.Sprintf(`SELECT seq, at, actor_id, actor, action, entity, entity_id, before, after, hash
		FROM audit_log%s ORDER BY seq DESC LIMIT $%d OFFSET $%d`, w, n+1, n+2), append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, 0, err
	}
	out, err := scanAuditRecords(rows)
	return out, total, err
}

// AuditAfter returns the entries numbered after seq, oldest first, at most
// limit (cases.AuditTail): the change feed's read, by the primary key alone.
func (db *DB) AuditAfter(ctx context.Context, seq int64, limit int) ([]cases.AuditRecord, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT seq, at, actor_id, actor, action, entity, entity_id, before, after, hash
		FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`, seq, limit)
	if err != nil {
		return nil, err
	}
	return scanAuditRecords(rows)
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

// AuditActions lists the distinct actions recorded.
func (db *DB) AuditActions(ctx context.Context) ([]string, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT DISTINCT action COLLATE "C" FROM audit_log ORDER BY 1`)
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

// localMidnight is the start of the local calendar day d plus days: the
// filter's days are the user's calendar days; the log stores UTC.
func localMidnight(d cases.Date, days int) time.Time {
	y, m, day := d.Time().Date()
	return time.Date(y, m, day+days, 0, 0, 0, 0, time.Local)
}

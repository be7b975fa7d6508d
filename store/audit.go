package store

import (
	"context"
	"database/sql"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/internal/auditchain"
)

// genesisHash is the "previous hash" of the first audit entry.
// The entry format and its hash are shared with the other engine's store
// (internal/auditchain), so a copied register keeps its chain.
const genesisHash = auditchain.Genesis

type auditRecord = auditchain.Record

var marshalAudit = auditchain.Marshal

// appendAudit chains e onto the log inside tx, the transaction of the change.
func appendAudit(ctx context.Context, tx *sql.Tx, e cases.AuditEntry, at time.Time) error {
	r := auditRecord{At: formatTime(at), ActorID: e.Actor.ID, Actor: e.Actor.Name(), Action: e.Action,
		Entity: e.Entity, EntityID: e.EntityID, Before: marshalAudit(e.Before), After: marshalAudit(e.After)}
	prints, err := touchedFingerprints(ctx, tx)
	if err != nil {
		return err
	}
	r.Fingerprints = prints
	err = tx.QueryRowContext(ctx, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").Scan(&r.Seq, &r.PrevHash)
	switch {
	case err == sql.ErrNoRows:
		r.Seq, r.PrevHash = 0, genesisHash
	case err != nil:
		return err
	}
	r.Seq++
	r.Hash = r.ComputeHash()
	_, err = tx.ExecContext(ctx, `INSERT INTO audit_log (seq, at, actor_id, actor, action, entity, entity_id, before, after, prev_hash, hash, fingerprints)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)`,
		r.Seq, r.At, r.ActorID, r.Actor, r.Action, r.Entity, r.EntityID, r.Before, r.After, r.PrevHash, r.Hash, r.Fingerprints)
	return err
}

// AuditHead is the newest entry's sequence number and hash, printed on
// opinions so a later rewrite of the file can be detected against paper.
func (db *DB) AuditHead(ctx context.Context) (seq int64, hash string, err error) {
	err = db.read.QueryRowContext(ctx, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").Scan(&seq, &hash)
	if err == sql.ErrNoRows {
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
	return auditchain.WalkChain(ctx, db.read, isTracked)
}

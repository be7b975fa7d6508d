package store

import (
	"context"
	"database/sql"
	"fmt"
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
	return w.badSeq, w.problem, nil
}

// auditWalk is what one pass over the log found: the first broken link,
// the hash of every entry up to it (to compare with checkpoints and the
// heads printed on opinions), and each row's last fingerprint.
type auditWalk struct {
	badSeq  int64
	problem string
	hashes  []string // hashes[i] is entry i's hash; hashes[0] the genesis
	prints  rowPrints
}

// hashAt is the chain's hash at seq, and whether the chain reaches it.
func (w *auditWalk) hashAt(seq int64) (string, bool) {
	if seq < 0 || seq >= int64(len(w.hashes)) {
		return "", false
	}
	return w.hashes[seq], true
}

func (db *DB) walkAudit(ctx context.Context) (*auditWalk, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT seq, at, actor_id, actor, action, entity, entity_id, before, after, prev_hash, hash, fingerprints
		FROM audit_log ORDER BY seq`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	w := &auditWalk{hashes: []string{genesisHash}, prints: rowPrints{}}
	prev, expectSeq := genesisHash, int64(1)
	for rows.Next() {
		var r auditRecord
		if err := rows.Scan(&r.Seq, &r.At, &r.ActorID, &r.Actor, &r.Action, &r.Entity, &r.EntityID, &r.Before, &r.After, &r.PrevHash, &r.Hash, &r.Fingerprints); err != nil {
			return nil, err
		}
		switch {
		case r.Seq != expectSeq:
			w.badSeq, w.problem = expectSeq, fmt.Sprintf("audit entry %d is missing", expectSeq)
		case r.PrevHash != prev:
			w.badSeq, w.problem = r.Seq, fmt.Sprintf("audit entry %d does not link to entry %d", r.Seq, r.Seq-1)
		case r.ComputeHash() != r.Hash:
			w.badSeq, w.problem = r.Seq, fmt.Sprintf("audit entry %d was altered after it was written", r.Seq)
		}
		if w.badSeq != 0 {
			return w, nil
		}
		w.prints.Add(r, isTracked)
		w.hashes = append(w.hashes, r.Hash)
		prev, expectSeq = r.Hash, expectSeq+1
	}
	return w, rows.Err()
}

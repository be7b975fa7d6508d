package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"ethicsdesk/cases"
)

// genesisHash is the "previous hash" of the first audit entry.
const genesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// auditRecord is one row of audit_log.
type auditRecord struct {
	Seq      int64
	At       string
	ActorID  int64
	Actor    string
	Action   string
	Entity   string
	EntityID int64
	Before   string
	After    string
	PrevHash string
	Hash     string
}

// canonical is the exact byte string the hash covers: a JSON array of every
// field but the hash itself, in a fixed order.
func (r auditRecord) canonical() []byte {
	b, _ := json.Marshal([]any{r.Seq, r.At, r.ActorID, r.Actor, r.Action, r.Entity, r.EntityID, r.Before, r.After, r.PrevHash})
	return b
}

func (r auditRecord) computeHash() string {
	sum := sha256.Sum256(r.canonical())
	return hex.EncodeToString(sum[:])
}

func marshalAudit(v any) string {
	if v == nil {
		return "null"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%q", fmt.Sprint(v))
	}
	return string(b)
}

// appendAudit chains e onto the log inside tx, the transaction of the change.
func appendAudit(ctx context.Context, tx *sql.Tx, e cases.AuditEntry, at time.Time) error {
	r := auditRecord{At: formatTime(at), ActorID: e.Actor.ID, Actor: e.Actor.Name(), Action: e.Action,
		Entity: e.Entity, EntityID: e.EntityID, Before: marshalAudit(e.Before), After: marshalAudit(e.After)}
	err := tx.QueryRowContext(ctx, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").Scan(&r.Seq, &r.PrevHash)
	switch {
	case err == sql.ErrNoRows:
		r.Seq, r.PrevHash = 0, genesisHash
	case err != nil:
		return err
	}
	r.Seq++
	r.Hash = r.computeHash()
	_, err = tx.ExecContext(ctx, `INSERT INTO audit_log (seq, at, actor_id, actor, action, entity, entity_id, before, after, prev_hash, hash)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)`,
		r.Seq, r.At, r.ActorID, r.Actor, r.Action, r.Entity, r.EntityID, r.Before, r.After, r.PrevHash, r.Hash)
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
	rows, err := db.read.QueryContext(ctx, `SELECT seq, at, actor_id, actor, action, entity, entity_id, before, after, prev_hash, hash
		FROM audit_log ORDER BY seq`)
	if err != nil {
		return 0, "", err
	}
	defer rows.Close()
	prev, expectSeq := genesisHash, int64(1)
	for rows.Next() {
		var r auditRecord
		if err := rows.Scan(&r.Seq, &r.At, &r.ActorID, &r.Actor, &r.Action, &r.Entity, &r.EntityID, &r.Before, &r.After, &r.PrevHash, &r.Hash); err != nil {
			return 0, "", err
		}
		switch {
		case r.Seq != expectSeq:
			return expectSeq, fmt.Sprintf("audit entry %d is missing", expectSeq), nil
		case r.PrevHash != prev:
			return r.Seq, fmt.Sprintf("audit entry %d does not link to entry %d", r.Seq, r.Seq-1), nil
		case r.computeHash() != r.Hash:
			return r.Seq, fmt.Sprintf("audit entry %d was altered after it was written", r.Seq), nil
		}
		prev, expectSeq = r.Hash, expectSeq+1
	}
	return 0, "", rows.Err()
}

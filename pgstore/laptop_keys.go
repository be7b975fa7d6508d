package pgstore

import (
	"context"
	"time"

	"ethicsdesk/cases"
)

// ForgetSealedKey removes a member's sealed key once it has moved to their
// laptop (the committee server's laptop signing), keeping the certificate
// the server checks their signatures against; cert must be the
// certificate on file, so a key issued since is not lost. An empty
// sealed_key means "on the laptop", as in the SQLite store.
func (db *DB) ForgetSealedKey(ctx context.Context, userID int64, cert []byte, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(tx *tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE user_keys SET sealed_key = '\x'::bytea
			WHERE user_id = $1 AND cert = $2 AND length(sealed_key) > 0`, userID, cert)
		if err := affectedOne(res, err); err != nil {
			return err
		}
		audit.EntityID = userID
		return appendAudit(ctx, tx, audit, time.Now())
	})
}

package pgstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"ethicsdesk/cases"
)

// SigningRoot returns the committee's root certificate (DER) and its sealed key.
func (db *DB) SigningRoot(ctx context.Context) (cert, sealedKey []byte, err error) {
	err = db.db.QueryRowContext(ctx, "SELECT cert, sealed_key FROM signing_root WHERE id = 1").Scan(&cert, &sealedKey)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, cases.ErrNotFound
	}
	return cert, sealedKey, err
}

// SaveSigningRoot stores the root once; a second root is refused.
func (db *DB) SaveSigningRoot(ctx context.Context, cert, sealedKey []byte, by string, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(tx *tx) error {
		now := time.Now()
		if _, err := tx.ExecContext(ctx, "INSERT INTO signing_root (id, cert, sealed_key, created_at, created_by) VALUES (1, $1, $2, $3, $4)",
			cert, sealedKey, formatTime(now), by); err != nil {
			return err
		}
		return appendAudit(ctx, tx, audit, now)
	})
}

// UserKey returns a member's certificate, issuer chain and sealed key.
func (db *DB) UserKey(ctx context.Context, userID int64) (cert, chain, sealedKey []byte, err error) {
	err = db.db.QueryRowContext(ctx, "SELECT cert, chain, sealed_key FROM user_keys WHERE user_id = $1", userID).Scan(&cert, &chain, &sealedKey)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, nil, cases.ErrNotFound
	}
	return cert, chain, sealedKey, err
}

// SaveUserKey stores or replaces a member's signing key.
func (db *DB) SaveUserKey(ctx context.Context, userID int64, cert, chain, sealedKey []byte, source string, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(tx *tx) error {
		now := time.Now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO user_keys (user_id, cert, chain, sealed_key, source, created_at) VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (user_id) DO UPDATE SET cert = $2, chain = $3, sealed_key = $4, source = $5, created_at = $6`,
			userID, cert, chain, sealedKey, source, formatTime(now)); err != nil {
			return err
		}
		audit.EntityID = userID
		return appendAudit(ctx, tx, audit, now)
	})
}

// SetPasswordAndKey replaces a password hash and the signing key sealed
// under it in one transaction, and lifts any lock.
func (db *DB) SetPasswordAndKey(ctx context.Context, userID int64, hash string, sealedKey []byte, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(tx *tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE users SET password_hash = $2, failed_logins = 0, locked_until = '' WHERE id = $1", userID, hash)
		if err := affectedOne(res, err); err != nil {
			return err
		}
		tx.touch("user", userID)
		res, err = tx.ExecContext(ctx, "UPDATE user_keys SET sealed_key = $2 WHERE user_id = $1", userID, sealedKey)
		if err := affectedOne(res, err); err != nil {
			return err
		}
		return appendAudit(ctx, tx, audit, time.Now())
	})
}

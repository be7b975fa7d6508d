package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"ethicsdesk/cases"
)

var _ cases.AccountRepository = (*DB)(nil)

// Credentials reads what checking a password needs; user names compare
// without regard to case.
func (db *DB) Credentials(ctx context.Context, username string) (cases.Credentials, error) {
	var c cases.Credentials
	var created, locked string
	err := db.read.QueryRowContext(ctx, `SELECT id, username, display_name, role, active, created_at,
		password_hash, failed_logins, locked_until FROM users WHERE username = ?1`, username).
		Scan(&c.User.ID, &c.User.Username, &c.User.DisplayName, &c.User.Role, &c.User.Active, &created,
			&c.PasswordHash, &c.FailedLogins, &locked)
	if errors.Is(err, sql.ErrNoRows) {
		return c, cases.ErrNotFound
	}
	if err != nil {
		return c, err
	}
	c.User.CreatedAt = parseTime(created)
	if locked != "" {
		c.LockedUntil = parseTime(locked)
	}
	if db.ReadOnly {
		db.memLogin.overlay(&c)
	}
	return c, nil
}

// CreateAccount adds an account with its password hash.
func (db *DB) CreateAccount(ctx context.Context, u *cases.User, passwordHash string, onlyIfNoUsers bool, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		if onlyIfNoUsers {
			var n int
			if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM users").Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return cases.ErrAlreadySetUp
			}
		}
		return insertUser(ctx, tx, u, passwordHash, audit)
	})
}

// UpdateAccount writes an account's name, role and active flag.
func (db *DB) UpdateAccount(ctx context.Context, u cases.User, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE users SET display_name = ?2, role = ?3, active = ?4 WHERE id = ?1",
			u.ID, u.DisplayName, u.Role, boolInt(u.Active))
		if err := affectedOne(res, err); err != nil {
			return err
		}
		return appendAudit(ctx, tx, audit, time.Now())
	})
}

// SetPasswordHash replaces a password and lifts any lock.
func (db *DB) SetPasswordHash(ctx context.Context, userID int64, hash string, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE users SET password_hash = ?2, failed_logins = 0, locked_until = '' WHERE id = ?1", userID, hash)
		if err := affectedOne(res, err); err != nil {
			return err
		}
		return appendAudit(ctx, tx, audit, time.Now())
	})
}

// UpdateLogin reads the account's failure count and lock and writes what
// decide returns, in one immediate transaction, so parallel sign-ins queue
// here and each counts. On a read-only register the state is kept in
// memory for as long as the program runs.
func (db *DB) UpdateLogin(ctx context.Context, userID int64, decide func(cases.LoginState) (cases.LoginState, cases.AuditEntry, error)) error {
	if db.ReadOnly {
		return db.memLogin.update(ctx, db, userID, decide)
	}
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		var st cases.LoginState
		var locked string
		err := tx.QueryRowContext(ctx, "SELECT failed_logins, locked_until FROM users WHERE id = ?1", userID).Scan(&st.FailedLogins, &locked)
		if errors.Is(err, sql.ErrNoRows) {
			return cases.ErrNotFound
		}
		if err != nil {
			return err
		}
		if locked != "" {
			st.LockedUntil = parseTime(locked)
		}
		next, audit, err := decide(st)
		if err != nil {
			return err
		}
		locked = ""
		if !next.LockedUntil.IsZero() {
			locked = formatTime(next.LockedUntil)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE users SET failed_logins = ?2, locked_until = ?3 WHERE id = ?1", userID, next.FailedLogins, locked); err != nil {
			return err
		}
		if audit.Action == "" {
			return nil
		}
		return appendAudit(ctx, tx, audit, time.Now())
	})
}

// Settings reads the key–value settings.
func (db *DB) Settings(ctx context.Context) (map[string]string, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT key, value FROM settings")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, rows.Err()
}

// SaveSettings writes settings in one transaction.
func (db *DB) SaveSettings(ctx context.Context, values map[string]string, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		for k, v := range values {
			if _, err := tx.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2", k, v); err != nil {
				return err
			}
		}
		return appendAudit(ctx, tx, audit, time.Now())
	})
}

// affectedOne turns "no row changed" into ErrNotFound.
func affectedOne(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return cases.ErrNotFound
	}
	return nil
}

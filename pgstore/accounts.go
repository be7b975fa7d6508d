package pgstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"ethicsdesk/cases"
)

const userColumns = "id, username, display_name, role, active, created_at"

func scanUser(row interface{ Scan(...any) error }) (cases.User, error) {
	var u cases.User
	var created string
	err := row.Scan(&u.ID, &u.Username, &u.DisplayName, &u.Role, &u.Active, &created)
	u.CreatedAt = parseTime(created)
	return u, err
}

// Users lists every account, active or not, by name.
func (db *DB) Users(ctx context.Context) ([]cases.User, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT "+userColumns+` FROM users ORDER BY lower(display_name COLLATE "C"), username COLLATE "C"`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []cases.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// UserByID reads one account.
func (db *DB) UserByID(ctx context.Context, id int64) (cases.User, error) {
	u, err := scanUser(db.db.QueryRowContext(ctx, "SELECT "+userColumns+" FROM users WHERE id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return u, cases.ErrNotFound
	}
	return u, err
}

// Credentials reads what checking a password needs; user names compare
// without regard to the case of ASCII letters, as on SQLite.
func (db *DB) Credentials(ctx context.Context, username string) (cases.Credentials, error) {
	var c cases.Credentials
	var created, locked string
	err := db.db.QueryRowContext(ctx, `SELECT id, username, display_name, role, active, created_at,
		password_hash, failed_logins, locked_until FROM users WHERE lower(username COLLATE "C") = lower($1 COLLATE "C")`, username).
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
	return c, nil
}

// CreateAccount adds an account with its password hash; with
// onlyIfNoUsers it refuses when any account exists, checked under the
// write lock so two first runs cannot both create an administrator.
func (db *DB) CreateAccount(ctx context.Context, u *cases.User, passwordHash string, onlyIfNoUsers bool, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(t *tx) error {
		if onlyIfNoUsers {
			var n int
			if err := t.QueryRowContext(ctx, "SELECT COUNT(*) FROM users").Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return cases.ErrAlreadySetUp
			}
		}
		if u.CreatedAt.IsZero() {
			u.CreatedAt = time.Now().UTC()
		}
		err := t.QueryRowContext(ctx, `INSERT INTO users (username, display_name, role, active, password_hash, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, u.Username, u.DisplayName, u.Role, boolInt(u.Active), passwordHash, formatTime(u.CreatedAt)).Scan(&u.ID)
		if err != nil {
			return err
		}
		t.touch("user", u.ID)
		audit.EntityID = u.ID
		return appendAudit(ctx, t, audit, u.CreatedAt)
	})
}

// UpdateAccount writes an account's name, role and active flag.
func (db *DB) UpdateAccount(ctx context.Context, u cases.User, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(t *tx) error {
		res, err := t.ExecContext(ctx, "UPDATE users SET display_name = $2, role = $3, active = $4 WHERE id = $1",
			u.ID, u.DisplayName, u.Role, boolInt(u.Active))
		if err := affectedOne(res, err); err != nil {
			return err
		}
		t.touch("user", u.ID)
		return appendAudit(ctx, t, audit, time.Now())
	})
}

// SetPasswordHash replaces a password and lifts any lock.
func (db *DB) SetPasswordHash(ctx context.Context, userID int64, hash string, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(t *tx) error {
		res, err := t.ExecContext(ctx, "UPDATE users SET password_hash = $2, failed_logins = 0, locked_until = '' WHERE id = $1", userID, hash)
		if err := affectedOne(res, err); err != nil {
			return err
		}
		t.touch("user", userID)
		return appendAudit(ctx, t, audit, time.Now())
	})
}

// UpdateLogin reads the account's failure count and lock and writes what
// decide returns under the write lock, so parallel sign-ins — on this
// server or another on the same database — queue and each counts.
func (db *DB) UpdateLogin(ctx context.Context, userID int64, decide func(cases.LoginState) (cases.LoginState, cases.AuditEntry, error)) error {
	return db.writeTx(ctx, func(t *tx) error {
		var st cases.LoginState
		var locked string
		err := t.QueryRowContext(ctx, "SELECT failed_logins, locked_until FROM users WHERE id = $1", userID).Scan(&st.FailedLogins, &locked)
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
		if _, err := t.ExecContext(ctx, "UPDATE users SET failed_logins = $2, locked_until = $3 WHERE id = $1", userID, next.FailedLogins, locked); err != nil {
			return err
		}
		if audit.Action == "" {
			return nil
		}
		return appendAudit(ctx, t, audit, time.Now())
	})
}

// Settings reads the key–value settings.
func (db *DB) Settings(ctx context.Context) (map[string]string, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT key, value FROM settings")
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
	return db.writeTx(ctx, func(t *tx) error {
		for k, v := range values {
			if _, err := t.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = $2", k, v); err != nil {
				return err
			}
		}
		return appendAudit(ctx, t, audit, time.Now())
	})
}

package store

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
	rows, err := db.read.QueryContext(ctx, "SELECT "+userColumns+" FROM users ORDER BY display_name COLLATE NOCASE, username")
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
	u, err := scanUser(db.read.QueryRowContext(ctx, "SELECT "+userColumns+" FROM users WHERE id = ?1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return u, cases.ErrNotFound
	}
	return u, err
}

// UserByName reads one account by its user name.
func (db *DB) UserByName(ctx context.Context, name string) (cases.User, error) {
	u, err := scanUser(db.read.QueryRowContext(ctx, "SELECT "+userColumns+" FROM users WHERE username = ?1", name))
	if errors.Is(err, sql.ErrNoRows) {
		return u, cases.ErrNotFound
	}
	return u, err
}

// CreateUser adds an account; passwordHash may be empty until accounts
// with passwords are in use.
func (db *DB) CreateUser(ctx context.Context, u *cases.User, passwordHash string, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		return insertUser(ctx, tx, u, passwordHash, audit)
	})
}

// insertUser adds an account and its audit entry inside tx.
func insertUser(ctx context.Context, tx *sql.Tx, u *cases.User, passwordHash string, audit cases.AuditEntry) error {
	if u.CreatedAt.IsZero() {
		u.CreatedAt = time.Now().UTC()
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO users (username, display_name, role, active, password_hash, created_at)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6)`, u.Username, u.DisplayName, u.Role, boolInt(u.Active), passwordHash, formatTime(u.CreatedAt))
	if err != nil {
		return err
	}
	if u.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	audit.EntityID = u.ID
	return appendAudit(ctx, tx, audit, u.CreatedAt)
}

package pgstore

import (
	"context"
	"database/sql"
	"errors"
)

// Default letterhead until the administrator sets the committee's own:
// the SQLite store's (store.DefaultCommitteeName), which this package
// does not import so that a server on PostgreSQL needs no SQLite.
const (
	DefaultCommitteeName    = "Artificial Intelligence Ethics Committee"
	DefaultCommitteeAddress = "Secretariat · Shenzhen, Guangdong, China"
)

// CommitteeLetterhead reads the committee's name and address for documents.
func (db *DB) CommitteeLetterhead(ctx context.Context) (name, address string, err error) {
	get := func(key, def string) string {
		var v string
		e := db.db.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = $1", key).Scan(&v)
		if e != nil && !errors.Is(e, sql.ErrNoRows) && err == nil {
			err = e
		}
		if v == "" {
			return def
		}
		return v
	}
	name = get("committee_name", DefaultCommitteeName)
	address = get("committee_address", DefaultCommitteeAddress)
	return name, address, err
}

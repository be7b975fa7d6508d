package pgstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// writeLock is the transaction-scoped advisory lock every write takes
// first: the audit chain needs one writer at a time (each entry links to
// the head), as SQLite's immediate transactions give the SQLite store.
const writeLock = 0x45445357 // "EDSW"

// tx is a write transaction; it remembers which tracked rows it wrote
// since its last audit entry, whose fingerprints that entry records.
type tx struct {
	*sql.Tx
	touched []rowKey
}

type rowKey struct {
	entity string
	id     int64
}

// touch notes that the transaction wrote a tracked row.
func (t *tx) touch(entity string, id int64) {
	for _, k := range t.touched {
		if k.entity == entity && k.id == id {
			return
		}
	}
	t.touched = append(t.touched, rowKey{entity, id})
}

// writeTx runs fn in a transaction holding the write lock; it commits only
// if fn succeeds.
func (db *DB) writeTx(ctx context.Context, fn func(t *tx) error) error {
	sqlTx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return translate(err)
	}
	if _, err := sqlTx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", writeLock); err != nil {
		sqlTx.Rollback()
		return translate(err)
	}
	if err := fn(&tx{Tx: sqlTx}); err != nil {
		sqlTx.Rollback()
		return translate(err)
	}
	return translate(sqlTx.Commit())
}

// ErrDiskFull and ErrUnavailable are what users see for the database
// server's own troubles; the transaction was rolled back.
var (
	ErrDiskFull    = errors.New("The database server's disk is full, so the change was not saved. Ask its administrator to free some space; nothing was lost.")
	ErrUnavailable = errors.New("The database server is not accepting changes just now (shutting down or read-only); nothing was saved. Try again in a moment.")
)

// translate maps PostgreSQL's error classes onto the messages users see.
func translate(err error) error {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return err
	}
	switch {
	case pe.Code == "53100": // disk_full
		return ErrDiskFull
	case pe.Code == "25006", pe.Code == "57P01", pe.Code == "57P03": // read_only_sql_transaction, admin_shutdown, cannot_connect_now
		return ErrUnavailable
	}
	return err
}

// Timestamps are stored as fixed-width UTC text, as in the SQLite store,
// so that they sort as they read and hash the same.
const timeLayout = "2006-01-02T15:04:05.000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) time.Time {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, s)
	}
	return t
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// affectedOne turns "no row changed" into cases.ErrNotFound.
func affectedOne(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return errNotFound
	}
	return nil
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/mattn/go-sqlite3"
)

// ErrReadOnly refuses writes to a register opened read-only.
var ErrReadOnly = errors.New("This register is open read-only: changes cannot be saved. Copy the file to a writable place to work on it.")

// ErrDiskFull is returned when the disk or the file's size limit is reached;
// the transaction was rolled back, so nothing of the change was saved.
var ErrDiskFull = errors.New("The disk is full, so the change was not saved. Free some space and try again; nothing was lost.")

// ErrBusy is returned when another copy of the program held the register
// for longer than the busy timeout.
var ErrBusy = errors.New("The register is busy with another user's change. Try again in a moment; nothing was saved.")

// writeTx runs fn in an immediate transaction on the single writer
// connection; it commits only if fn succeeds.
func (db *DB) writeTx(ctx context.Context, fn func(tx *sqlTx) error) error {
	if db.ReadOnly {
		return ErrReadOnly
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return translate(err)
	}
	if err := trackWrites(ctx, tx); err != nil {
		tx.Rollback()
		return translate(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return translate(err)
	}
	return translate(tx.Commit())
}

// translate maps SQLite's result codes onto the messages users see.
func translate(err error) error {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code {
	case sqlite3.ErrFull:
		return ErrDiskFull
	case sqlite3.ErrBusy, sqlite3.ErrLocked:
		return ErrBusy
	case sqlite3.ErrReadonly:
		return ErrReadOnly
	}
	return err
}

// Timestamps are stored as fixed-width UTC text so they sort as they read.
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

// sqlTx is the write transaction handed to writeTx's function.
type sqlTx = sql.Tx

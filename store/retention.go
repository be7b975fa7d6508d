package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"ethicsdesk/cases"
)

// RetentionDue implements cases.RetentionRepository: the closed cases,
// closed (in local time) on or before day, not anonymised yet.
func (db *DB) RetentionDue(ctx context.Context, closedOnOrBefore cases.Date) ([]cases.RetentionCase, error) {
	rows, err := db.read.QueryContext(ctx, `
		SELECT c.id, c.reference, c.title, date(MAX(sc.at), 'localtime') AS closed
		FROM cases c JOIN status_changes sc ON sc.case_id = c.id AND sc.to_status = 'closed'
		WHERE c.status = 'closed' AND c.anonymised_at = ''
		GROUP BY c.id HAVING closed <= ?1
		ORDER BY closed, c.id`, closedOnOrBefore.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []cases.RetentionCase
	for rows.Next() {
		var rc cases.RetentionCase
		var closed string
		if err := rows.Scan(&rc.ID, &rc.Reference, &rc.Title, &closed); err != nil {
			return nil, err
		}
		rc.ClosedOn, _ = cases.ParseDate(closed)
		out = append(out, rc)
	}
	return out, rows.Err()
}

// AnonymiseSubmitters implements cases.RetentionRepository. Each case
// changes version, so a window still holding the old details cannot save
// them back. secure_delete (open.go) overwrites the old text in the file;
// the journal's copies of the old pages are then removed by scrubJournal.
func (db *DB) AnonymiseSubmitters(ctx context.Context, ids []int64, at time.Time, audit cases.AuditEntry) (int, error) {
	n := 0
	err := db.writeTx(ctx, func(tx *sqlTx) error {
		stamp := formatTime(at)
		for _, id := range ids {
			res, err := tx.ExecContext(ctx, `UPDATE cases SET submitter_name = '', submitter_contact = '', anonymised_at = ?2,
				updated_at = ?2, updated_by = ?3, version = version + 1
				WHERE id = ?1 AND anonymised_at = ''`, id, stamp, audit.Actor.Name())
			if err != nil {
				return err
			}
			if changed, _ := res.RowsAffected(); changed == 0 {
				continue // done by someone else meanwhile
			}
			e := audit
			e.EntityID = id
			if err := appendAudit(ctx, tx, e, at); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	if err := db.scrubJournal(ctx); err != nil {
		return n, fmt.Errorf("The submitters' details were removed from %d cases, but %w", n, err)
	}
	return n, nil
}

// scrubJournal copies the journal (-wal) into the file and empties it, so
// older copies of changed pages, removed names among them, are gone from
// the disk. Another connection in the middle of a read keeps the journal
// in use; it is waited for a few seconds.
func (db *DB) scrubJournal(ctx context.Context) error {
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	// The checkpoint waits for readers in SQLite's busy handler, for the
	// connection's whole busy timeout (15 s) on every try and deaf to ctx:
	// the tries below are the wait, so the handler is off meanwhile.
	var timeout int
	if err := conn.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&timeout); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA busy_timeout = 0"); err != nil {
		return err
	}
	defer func() {
		if _, err := conn.ExecContext(context.Background(), "PRAGMA busy_timeout = "+strconv.Itoa(timeout)); err != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn }) // never back in the pool without its timeout
		}
	}()
	for try := 0; ; try++ {
		var busy, frames, done int
		if err := conn.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &frames, &done); err != nil {
			return err
		}
		if fi, err := os.Stat(db.Path + "-wal"); busy == 0 && (os.IsNotExist(err) || err == nil && fi.Size() == 0) {
			return nil
		}
		if try == 50 {
			return errors.New("another program reading the register keeps older copies of them in its journal file (" + filepath.Base(db.Path) + "-wal) until it closes the register.")
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

package store

import (
	"context"
	"database/sql"
	"net/url"
)

// ReadSnapshot opens the register read-only at one moment, for a copier
// that reads its tables (ethicsdesk migrate): the file may be written while
// it is copied (the desktop app still open on it), and what is read
// through tx is the register as it was at the snapshot, whose audit head is
// seq and head. done ends the snapshot.
func (db *DB) ReadSnapshot(ctx context.Context) (tx *sql.Tx, seq int64, head string, done func(), err error) {
	u := url.URL{Scheme: "file", Opaque: (&url.URL{Path: db.Path}).EscapedPath(), RawQuery: "mode=ro&_query_only=on&_busy_timeout=15000"}
	raw, err := sql.Open("sqlite3", u.String())
	if err != nil {
		return nil, 0, "", nil, err
	}
	tx, err = raw.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		raw.Close()
		return nil, 0, "", nil, err
	}
	done = func() { tx.Rollback(); raw.Close() }
	// The first read fixes the transaction's snapshot: the head read here
	// is the head of what is read afterwards.
	err = tx.QueryRowContext(ctx, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").Scan(&seq, &head)
	if err == sql.ErrNoRows { // an empty log: its head is the genesis hash
		seq, head, err = 0, genesisHash, nil
	}
	if err != nil {
		done()
		return nil, 0, "", nil, err
	}
	return tx, seq, head, done, nil
}

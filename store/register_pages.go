package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"ethicsdesk/cases"
	"ethicsdesk/internal/registerpages"
)

// Pages of the register are read by key, not by OFFSET: a page starts
// after the sort key and id of the row just before it, which an index finds
// in one seek (a deep page of a filter that no index serves in full took
// 55–62 ms with OFFSET). Which keys to start from is remembered by package
// registerpages; this file holds the SQLite statements.

// pageKey is the sort value and id of one row of the register.
type pageKey = registerpages.Key

// orderOf is the ORDER BY of q's register, with the comparison that
// keeps the rows after a key.
func orderOf(q cases.Query) registerpages.Order { return registerpages.OrderOf(sortColumns, q) }

// afterKey adds "rows after key" to a WHERE clause built by where.
func afterKey(o registerpages.Order, w string, args []any, key *pageKey) (string, []any) {
	if key == nil {
		return w, args
	}
	n := len(args)
	v, id := "?"+strconv.Itoa(n+1), "?"+strconv.Itoa(n+2)
	// The bare range on the column is implied by the row value, but SQLite
	// seeks an index with a COLLATE column only through it: without it the
	// title order was scanned from its first row.
	cond := o.Col + " " + o.Cmp + "= " + v + " AND (" + o.Col + ", c.id) " + o.Cmp + " (" + v + ", " + id + ")"
	args = append(args, key.Value, key.ID)
	if w == "" {
		return " WHERE " + cond, args
	}
	return w + " AND " + cond, args
}

// listCasesPageSQL is the statement of one register page that starts
// after the row whose key is given (nil: the first row), skipping skip rows
// more (less than a page), with its numbered parameters.
func listCasesPageSQL(q cases.Query, after *pageKey, skip, limit int) (string, []any) {
	o := orderOf(q)
	w, args := where(q)
	w, args = afterKey(o, w, args, after)
	// The page's size is written, not bound (see bindSearch); the skip,
	// any number below a page, stays bound so that the driver keeps one
	// prepared statement for all of them.
	query := `SELECT c.id, c.reference, c.title, c.type_code, c.status, c.received_on, c.due_on, c.rapporteur_name, c.confidential
		FROM cases c` + w + o.By() + " LIMIT " + strconv.Itoa(limit)
	if skip > 0 {
		args = append(args, skip)
		query += " OFFSET ?" + strconv.Itoa(len(args))
	}
	return query, args
}

// registerVersion changes whenever the register does: every write adds an
// audit entry in its own transaction, also when another process writes.
func (db *DB) registerVersion(ctx context.Context) (int64, error) {
	var seq int64
	err := db.read.QueryRowContext(ctx, "SELECT COALESCE(MAX(seq), 0) FROM audit_log").Scan(&seq)
	return seq, err
}

// pageStart is where the page at offset begins: the key of the row before
// the nearest remembered position at or below offset, and how many rows to
// skip after it (registerpages.Cache.Start).
func (db *DB) pageStart(ctx context.Context, q cases.Query, offset int) (*pageKey, int, error) {
	w, args := where(q)
	o := orderOf(q)
	return db.anchors.Start(ctx, registerpages.Query{
		ID:      fmt.Sprintf("%s|%s|%v", w, o.By(), args),
		Version: db.registerVersion,
		Scan: func(ctx context.Context, from *pageKey, limit int, each func(pageKey)) error {
			return db.pageKeys(ctx, q, from, limit, each)
		},
	}, offset)
}

// pageKeys reads the keys of up to limit of q's rows in order after from.
// Only the sort column and the id are read, which the filter's index holds.
func (db *DB) pageKeys(ctx context.Context, q cases.Query, from *pageKey, limit int, each func(pageKey)) error {
	o := orderOf(q)
	w, args := where(q)
	w, args = afterKey(o, w, args, from)
	query := "SELECT " + keyColumn(o.Col) + ", c.id FROM cases c" + w + o.By() + " LIMIT " + strconv.Itoa(limit)
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	return registerpages.ReadKeys(rows, each)
}

// keyColumn is the sort expression without its collation, as a value to
// compare against later (the collation applies in the comparison).
func keyColumn(col string) string {
	col, _, _ = strings.Cut(col, " COLLATE ")
	return col
}

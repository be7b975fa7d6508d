package pgstore

import (
	"context"
	"fmt"
	"strconv"

	"ethicsdesk/cases"
	"ethicsdesk/internal/registerpages"
)

// Pages of the register are read by key, as on SQLite (store/
// register_pages.go): a page starts after the sort key and id of the row
// just before it, a row-value comparison that the order's index seeks to.
// With LIMIT/OFFSET every earlier row was stepped over, and a deep page of
// a filter no index serves in full (overdue cases by title) read every
// earlier case from the table. Which keys to start from is remembered by
// package registerpages; this file holds PostgreSQL's statements.
//
// The statements are prepared once per connection, as every statement of
// the store. Of the 150 pages of make bench, 4 statements (the "due within
// 7 days" filter) were given PostgreSQL's generic plan after their fifth
// run, none of them slower; planning every run instead (an unnamed
// statement) made the median page 0.36 → 0.69 ms. The generic plan of the
// middle of the deadline order would read 50,000 index entries (184 ms),
// but it is costed so far above the plan made for the key that PostgreSQL
// does not choose it.
//
// Every sort expression is NOT NULL (due_key stands '~' for "no deadline",
// a rapporteur's name is '' when there is none), so the comparisons never
// meet a NULL, which no row value orders.

// pageKey is the sort value and id of one row of the register.
type pageKey = registerpages.Key

// orderOf is the ORDER BY of q's register, with the comparison that
// keeps the rows after a key.
func orderOf(q cases.Query) registerpages.Order { return registerpages.OrderOf(sortColumns, q) }

// afterKey adds "rows after key" to a WHERE clause built by where: the row
// value (sort expression, id) compared as a whole, which a btree index on
// those two columns takes as the start of its scan.
func afterKey(o registerpages.Order, w string, args []any, key *pageKey) (string, []any) {
	if key == nil {
		return w, args
	}
	n := len(args)
	cond := "(" + o.Col + ", c.id) " + o.Cmp + " ($" + strconv.Itoa(n+1) + ", $" + strconv.Itoa(n+2) + ")"
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
	args = append(args, limit)
	query := `SELECT c.id, c.reference, c.title, c.type_code, c.status, c.received_on, c.due_on, c.rapporteur_name, c.confidential
		FROM cases c` + w + o.By() + " LIMIT $" + strconv.Itoa(len(args))
	if skip > 0 {
		args = append(args, skip)
		query += " OFFSET $" + strconv.Itoa(len(args))
	}
	return query, args
}

// ListCasesSQL is the statement ListCases runs for the page of the
// register at offset, with its numbered parameters: it starts after the key
// of a remembered row, not with an OFFSET over every row before it. The
// tests read its plan.
func (db *DB) ListCasesSQL(ctx context.Context, q cases.Query, offset, limit int) (string, []any, error) {
	after, skip, err := db.pageStart(ctx, q, offset)
	if err != nil {
		return "", nil, err
	}
	query, args := listCasesPageSQL(q, after, skip, limit)
	return query, args, nil
}

// registerVersion changes whenever the register does: every write adds an
// audit entry in its own transaction, also from another server.
func (db *DB) registerVersion(ctx context.Context) (int64, error) {
	var seq int64
	err := db.db.QueryRowContext(ctx, "SELECT COALESCE(MAX(seq), 0) FROM audit_log").Scan(&seq)
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
// Only the sort expression and the id are read, which the order's index
// holds (an index-only scan when the filter is served by it too).
func (db *DB) pageKeys(ctx context.Context, q cases.Query, from *pageKey, limit int, each func(pageKey)) error {
	o := orderOf(q)
	w, args := where(q)
	w, args = afterKey(o, w, args, from)
	args = append(args, limit)
	query := "SELECT " + o.Col + ", c.id FROM cases c" + w + o.By() + " LIMIT $" + strconv.Itoa(len(args))
	rows, err := db.db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	return registerpages.ReadKeys(rows, each)
}

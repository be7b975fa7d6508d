package pgstore

import (
	"context"

	"ethicsdesk/cases"
)

// ExplainJSON is PostgreSQL's EXPLAIN (ANALYZE, FORMAT JSON) of a
// statement built by this package, run with its parameters on one of the
// store's connections after the given planner settings ("enable_sort =
// off"), which last only for this statement's transaction.
func (db *DB) ExplainJSON(ctx context.Context, settings []string, query string, args ...any) (string, error) {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	for _, s := range settings {
		if _, err := tx.ExecContext(ctx, "SET LOCAL "+s); err != nil {
			return "", err
		}
	}
	var plan string
	err = tx.QueryRowContext(ctx, "EXPLAIN (ANALYZE, FORMAT JSON) "+query, args...).Scan(&plan)
	return plan, err
}

// PageKey is the sort value of the row a page at offset starts after (nil
// for a page that starts at the first row), for tests that look for it in
// the page's plan.
func (db *DB) PageKey(ctx context.Context, q cases.Query, offset int) (any, error) {
	k, _, err := db.pageStart(ctx, q, offset)
	if err != nil || k == nil {
		return nil, err
	}
	return k.Value, nil
}

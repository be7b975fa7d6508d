package pgstore

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"ethicsdesk/cases"
)

// A search by someone who may see submitters also counts the cases whose
// submitter is named what was typed (cases.withSubmitterHits). On
// PostgreSQL that count was a statement of its own: a search for a rare
// word was two round trips (asked at once over two connections), where the
// database's work for both took 0.025 ms (log_min_duration_statement on the
// benchmark register) against 0.25 ms seen by the program. The count is
// therefore a column of the search's own statements (countedColumn),
// computed once per statement whatever its rows; the first statement of
// the search that returns a row gives it, and a search none of whose
// statements did is counted on its own at the end.

// countedColumn marks, in a search statement, the column that carries the
// submitter count: bound by submitterCount.bind.
const countedColumn = "{{counted}}"

// submitterCount is the count a search carries for SearchCasesCounting:
// the cases matching q, once a statement has returned it.
type submitterCount struct {
	q     cases.Query
	n     int
	known bool
}

// bind puts the count in bq's countedColumn, its filter's parameters
// numbered after bq's, or NULL when the count is not asked (c nil) or
// already known.
func (c *submitterCount) bind(bq boundQuery) boundQuery {
	if c == nil || c.known {
		return boundQuery{strings.Replace(bq.sql, countedColumn, "NULL::bigint", 1), bq.args}
	}
	w, args := whereAfter(c.q, len(bq.args))
	return boundQuery{strings.Replace(bq.sql, countedColumn, "(SELECT count(*) FROM cases c"+w+")", 1), slices.Concat(bq.args, args)}
}

// take keeps the count a statement returned (NULL when it was not asked).
func (c *submitterCount) take(v sql.NullInt64) {
	if c != nil && v.Valid && !c.known {
		c.n, c.known = int(v.Int64), true
	}
}

// SearchCasesCounting implements cases.SubmitterCountingSearch: the search
// and the count of the cases matching counted, in the search's statements
// when one returns a row (a rare word's search is one round trip), else
// by a statement of its own.
func (db *DB) SearchCasesCounting(ctx context.Context, text string, q cases.Query, offset, limit int, counted cases.Query) ([]cases.SearchMatch, int, error) {
	count := &submitterCount{q: counted}
	out, err := db.search(ctx, text, q, offset, limit, count)
	if err != nil {
		return nil, 0, err
	}
	if !count.known {
		n, err := db.CountCases(ctx, counted)
		return out, n, err
	}
	return out, count.n, nil
}

var _ cases.SubmitterCountingSearch = (*DB)(nil)

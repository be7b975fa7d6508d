package store

import (
	"context"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"ethicsdesk/cases"
	"ethicsdesk/textindex"
)

// ListCasesSQL is the statement ListCases runs for the page of the
// register at offset, with its numbered parameters: it starts after the key
// of a remembered row (register_pages.go), not with an OFFSET over every
// row before it. It is exported so that the benchmark suite (bench/) can run
// the very same SQL in the sqlite3 shell as the reference the app's own
// paging is compared with.
func (db *DB) ListCasesSQL(ctx context.Context, q cases.Query, offset, limit int) (string, []any, error) {
	after, skip, err := db.pageStart(ctx, q, offset)
	if err != nil {
		return "", nil, err
	}
	query, args := listCasesPageSQL(q, after, skip, limit)
	return query, args, nil
}

// numberedParam is a "?N" parameter of the statements built in this package.
var numberedParam = regexp.MustCompile(`\?[0-9]+`)

// LiteralSQL writes the parameters of a statement built by this package
// into its text as SQL literals, for the sqlite3 shell, which cannot bind
// them. Only the types this package binds are accepted.
func LiteralSQL(query string, args []any) (string, error) {
	var bad error
	out := numberedParam.ReplaceAllStringFunc(query, func(p string) string {
		i, _ := strconv.Atoi(p[1:])
		if i < 1 || i > len(args) {
			bad = fmt.Errorf("parameter %s has no value", p)
			return p
		}
		v := reflect.ValueOf(args[i-1])
		switch v.Kind() {
		case reflect.String: // also cases.Risk, cases.Sector and the like
			return "'" + strings.ReplaceAll(v.String(), "'", "''") + "'"
		case reflect.Int, reflect.Int32, reflect.Int64:
			return strconv.FormatInt(v.Int(), 10)
		case reflect.Bool:
			if v.Bool() {
				return "1"
			}
			return "0"
		default:
			bad = fmt.Errorf("parameter %s has a value of type %T that cannot be written as SQL", p, args[i-1])
			return p
		}
	})
	return out, bad
}

// SearchCasesSQL is the statement SearchCases runs for the user's text
// when it has words to match (ok is false when it has none), with its
// numbered parameters: a page of ranked cases with their snippet texts.
// The benchmark suite runs it in the sqlite3 shell as the reference for
// the app's search; TestSearchCasesSQLMatchesSearchCases keeps the two the
// same. For a word in much of the register SearchCases gives the same page
// by scoring the documents in two halves at once (search_split.go): the
// reference stays this one statement, the work a search has to do.
func SearchCasesSQL(text string, q cases.Query, offset, limit int) (query string, args []any, ok bool) {
	pq := textindex.ParseQuery(text)
	if pq.Match == "" {
		return "", nil, false
	}
	w, filterArgs := where(q)
	bq := bindSearch(rankedPage(bestDocs, w), filterArgs, pq.Match, q.Viewer.ID, limit, offset, searchCutoff(offset, limit))
	return bq.sql, bq.args, true
}

package store

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"ethicsdesk/cases"
	"ethicsdesk/textindex"
)

// ListCasesSQL is the statement ListCases runs for one page of the
// register, with its numbered parameters. It is exported so that the
// benchmark suite (bench/) can run the very same SQL in the sqlite3 shell
// as the reference the app's own paging is compared with.
func ListCasesSQL(q cases.Query, offset, limit int) (string, []any) {
	w, args := where(q)
	col, ok := sortColumns[q.Sort]
	if !ok {
		col = sortColumns[cases.SortReference]
	}
	dir := " ASC"
	if q.Desc {
		dir = " DESC"
	}
	args = append(args, limit, offset)
	n := len(args)
	query := `SELECT c.id, c.reference, c.title, c.type_code, c.status, c.received_on, c.due_on, c.rapporteur_name, c.confidential
		FROM cases c` + w + " ORDER BY " + col + dir + ", c.id" + dir +
		" LIMIT ?" + strconv.Itoa(n-1) + " OFFSET ?" + strconv.Itoa(n)
	return query, args
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
// same.
func SearchCasesSQL(text string, q cases.Query, offset, limit int) (query string, args []any, ok bool) {
	pq := textindex.ParseQuery(text)
	if pq.Match == "" {
		return "", nil, false
	}
	w, filterArgs := where(q)
	bq := bindSearch(rankedPage(bestDocs, w), filterArgs, pq.Match, q.Viewer.ID, limit, offset, searchCutoff(offset, limit))
	return bq.sql, bq.args, true
}

package store

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// The register's safeguards are triggers: the audit log and the signed
// checkpoints refuse changes and deletions, an issued opinion is frozen,
// the fingerprint baseline is fixed, and the search index follows the
// text. Someone who edits the file with sqlite3 can drop or rewrite one,
// change a row, and put it back; the row checks catch the change, but a
// safeguard left missing or disarmed would let the next change through
// unnoticed. check therefore holds every trigger against the statement
// the migrations create it with.

var triggerStatement = regexp.MustCompile(`(?s)CREATE TRIGGER (\w+).*?\nEND`)

// expectedTriggers are the triggers the embedded migrations create, by
// name, with their statements in a canonical spacing.
func expectedTriggers() (map[string]string, error) {
	ms, err := migrations()
	if err != nil {
		return nil, err
	}
	want := map[string]string{}
	for _, m := range ms {
		for _, s := range triggerStatement.FindAllStringSubmatch(stripSQLComments(m.sql), -1) {
			want[s[1]] = canonicalSQL(s[0])
		}
	}
	return want, nil
}

// stripSQLComments removes "-- …" comments, which may sit between the
// statements of a migration (none is inside a trigger's text).
func stripSQLComments(sql string) string {
	lines := strings.Split(sql, "\n")
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "--") {
			lines[i] = ""
		}
	}
	return strings.Join(lines, "\n")
}

func canonicalSQL(s string) string { return strings.Join(strings.Fields(s), " ") }

// checkTriggers names each safeguard trigger that is missing, changed, or
// not one of the migrations'.
func (db *DB) checkTriggers(ctx context.Context) ([]string, error) {
	want, err := expectedTriggers()
	if err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, "SELECT name, COALESCE(sql, '') FROM sqlite_master WHERE type = 'trigger'")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	have := map[string]string{}
	for rows.Next() {
		var name, sql string
		if err := rows.Scan(&name, &sql); err != nil {
			return nil, err
		}
		have[name] = canonicalSQL(sql)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var problems []string
	for name, stmt := range want {
		got, ok := have[name]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("the safeguard trigger %s is missing from the file: someone removed it outside Ethics Desk, so changes it refuses may have gone through", name))
		case got != stmt:
			problems = append(problems, fmt.Sprintf("the safeguard trigger %s is not the one Ethics Desk made: it was rewritten outside Ethics Desk", name))
		}
	}
	for name := range have {
		if _, ok := want[name]; !ok {
			problems = append(problems, fmt.Sprintf("the file holds a trigger Ethics Desk did not make (%s): it was added outside Ethics Desk", name))
		}
	}
	sort.Strings(problems)
	return problems, nil
}

package store

import (
	"fmt"
	"testing"
)

// The match and the viewer are bound after the filter's values; the page
// and the cutoff are written into the statement, and SQLite is given as
// many values as the statement's highest parameter asks for.
func TestASearchStatementWritesItsPageAndBindsItsWords(t *testing.T) {
	for _, c := range []struct {
		sql      string
		filter   []any
		extra    []any
		wantSQL  string
		wantArgs string
	}{
		{"MATCH ?M AND a = ?V LIMIT ?K ... LIMIT ?L OFFSET ?O", []any{"privacy"}, []any{`"x"`, int64(7), 50, 100, 1000},
			"MATCH ?2 AND a = ?3 LIMIT 1000 ... LIMIT 50 OFFSET 100", `[privacy "x" 7]`},
		{"MATCH ?M AND a = ?V LIMIT ?L OFFSET ?O", nil, []any{`"x"`, int64(7), 20, 0},
			"MATCH ?1 AND a = ?2 LIMIT 20 OFFSET 0", `["x" 7]`},
		// The words of a search across documents come after the cutoff's
		// place: its value stays, bound to nothing.
		{"MATCH ?M AND a = ?V LIMIT ?L OFFSET ?O AND g = ?7", []any{"privacy"}, []any{`"x"`, int64(7), 20, 0, 0, "g1"},
			"MATCH ?2 AND a = ?3 LIMIT 20 OFFSET 0 AND g = ?7", `[privacy "x" 7 20 0 0 g1]`},
		// A viewer the statement does not name is not bound.
		{"MATCH ?M LIMIT ?L OFFSET ?O", nil, []any{`"x"`, int64(7), 20, 40},
			"MATCH ?1 LIMIT 20 OFFSET 40", `["x"]`},
		// The ranked list of a common word is bound, not written.
		{"FROM json_each(?M) LIMIT ?L", nil, []any{"[[1,2]]", int64(7), 20},
			"FROM json_each(?1) LIMIT 20", `[[[1,2]]]`},
	} {
		bq := bindSearch(c.sql, c.filter, c.extra...)
		if bq.sql != c.wantSQL || fmt.Sprint(bq.args) != c.wantArgs {
			t.Errorf("%s\n got %s %v\nwant %s %s", c.sql, bq.sql, bq.args, c.wantSQL, c.wantArgs)
		}
	}
	if n := highestParameter("SELECT '?', ?12, ?3, ?"); n != 12 {
		t.Errorf("highest parameter %d, want 12", n)
	}
}

package store

import (
	"context"
	"testing"
)

// The committee server reads the register for many members at once. The
// readers a burst of calls opens must still be there for the next burst
// (with the statements they prepared and the pages they cached), not
// closed as they come back and opened again.
func TestReadersOpenedForABurstAreKept(t *testing.T) {
	db, _ := openTestDB(t, Options{})
	ctx := context.Background()
	limit := db.read.Stats().MaxOpenConnections
	if limit < 4 {
		t.Fatalf("the register reads over %d connections at most", limit)
	}
	burst := func() {
		t.Helper()
		var held []interface{ Close() error }
		for range limit {
			c, err := db.read.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var n int
			if err := c.QueryRowContext(ctx, "SELECT count(*) FROM cases").Scan(&n); err != nil {
				t.Fatal(err)
			}
			held = append(held, c)
		}
		for _, c := range held {
			c.Close()
		}
	}
	burst()
	opened := db.read.Stats().OpenConnections
	burst()
	s := db.read.Stats()
	if s.MaxIdleClosed != 0 || s.OpenConnections != limit || opened != limit {
		t.Errorf("after two bursts of %d reads at once: %d readers closed as they came back, %d open (%d after the first)",
			limit, s.MaxIdleClosed, s.OpenConnections, opened)
	}
}

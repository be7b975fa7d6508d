package pgstore_test

import (
	"context"
	"database/sql"
	"testing"
)

// The committee server reads for many members at once. The PostgreSQL
// connections a burst of calls opens must still be there for the next
// burst, with the plans made on them, not closed as they come back and
// started again (a new backend each, every statement planned anew).
func TestConnectionsOpenedForABurstAreKept(t *testing.T) {
	pg, _ := openPG(t)
	ctx := context.Background()
	for i, pool := range pg.Pools() {
		limit := pool.Stats().MaxOpenConnections
		if limit < 4 {
			t.Fatalf("pool %d opens %d connections at most", i, limit)
		}
		burst := func() {
			t.Helper()
			var held []*sql.Conn
			for range limit {
				c, err := pool.Conn(ctx)
				if err != nil {
					t.Fatal(err)
				}
				var one int
				if err := c.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
					t.Fatal(err)
				}
				held = append(held, c)
			}
			for _, c := range held {
				c.Close()
			}
		}
		burst()
		burst()
		if s := pool.Stats(); s.MaxIdleClosed != 0 || s.OpenConnections != limit {
			t.Errorf("pool %d, after two bursts of %d calls at once: %d connections closed as they came back, %d open",
				i, limit, s.MaxIdleClosed, s.OpenConnections)
		}
	}
}

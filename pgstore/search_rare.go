package pgstore

import (
	"context"
	"database/sql"
	"sync"

	"ethicsdesk/cases"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// A search for a rare word reads a few index entries: PostgreSQL ran it
// in 0.3–0.4 ms, but planned it again on every call (0.6–1.1 ms), the
// plan cache keeping a custom plan for the search statement whenever its
// generic plan looked costlier on paper. A query the store has seen match
// fewer documents than the first try keeps is therefore asked again over
// connections that always use the generic plan (plan_cache_mode), planned
// once per connection. A common word stays on the ordinary connections,
// where its plan is made for it: the generic plan ranked the first search
// of a common word half as fast again.

// genericPlanConns is how many connections the generic-plan pool keeps.
const genericPlanConns = 4

// genericPlanSettings are the session settings of the generic-plan pool; a
// test replaces them with ones PostgreSQL refuses.
var genericPlanSettings = map[string]string{"plan_cache_mode": "force_generic_plan"}

// openGenericPool opens (lazily: nothing connects until the first rare
// search) the generic-plan pool over the same database as cfg.
func openGenericPool(cfg *pgx.ConnConfig) *sql.DB {
	c := cfg.Copy()
	if c.RuntimeParams == nil {
		c.RuntimeParams = map[string]string{}
	}
	for k, v := range genericPlanSettings {
		c.RuntimeParams[k] = v
	}
	pool := stdlib.OpenDB(*c)
	keepConnections(pool, genericPlanConns)
	return pool
}

// searchRanked runs a first-try search statement: over the generic-plan
// pool when rare says the query is known to be rare, else over the
// ordinary connections. Both give the same rows.
func (db *DB) searchRanked(ctx context.Context, bq boundQuery, rare bool, count *submitterCount) (out []cases.SearchMatch, kept int, err error) {
	if !rare {
		return db.searchPageOn(ctx, db.db, bq, count)
	}
	err = db.overGenericPlans(ctx, func(pool *sql.DB) error {
		out, kept, err = db.searchPageOn(ctx, pool, bq, count)
		return err
	})
	return out, kept, err
}

// overGenericPlans runs read over the generic-plan pool, or over the
// ordinary connections once that pool has failed (a PostgreSQL before 12
// has no plan_cache_mode): only speed is lost.
func (db *DB) overGenericPlans(ctx context.Context, read func(pool *sql.DB) error) error {
	if !db.genericOff.Load() {
		err := read(db.generic)
		if err == nil {
			db.genericSearches.Add(1)
			return nil
		}
		if ctx.Err() != nil {
			return err
		}
		db.genericOff.Store(true)
	}
	return read(db.db)
}

// rareMemory is how many rare queries the store remembers.
const rareMemory = 256

// rareQueries remembers the queries a first try found rare. What it
// remembers only decides the connections a search runs on.
type rareQueries struct {
	mu sync.Mutex
	at map[string]struct{}
}

func (r *rareQueries) has(match string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, ok := r.at[match]
	return ok
}

func (r *rareQueries) remember(match string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.at == nil || len(r.at) >= rareMemory {
		r.at = map[string]struct{}{} // forget them all: each is learnt again by one search
	}
	r.at[match] = struct{}{}
}

func (r *rareQueries) forget(match string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.at, match)
}

// Package registerpages finds where a page of the register begins without
// reading the rows before it, for both stores (store on SQLite, pgstore on
// PostgreSQL).
//
// The register window asks for pages by position (rows 50,000 to 50,099
// when the scrollbar is dragged half way), but a page read with OFFSET
// makes the database step over every row before it. Pages are read by key
// instead: a page starts after the sort key and id of the row just before
// it, which an index finds in one seek. The keys of every Stride-th row of
// a query are learnt once by reading its keys alone, from the last key
// known to the one needed, and kept while the register is unchanged. The
// SQL of the reads is each store's own; this package only remembers.
package registerpages

import (
	"context"
	"strconv"
	"sync"

	"ethicsdesk/cases"
)

// Stride is the distance between two remembered keys: one page.
const Stride = cases.PageSize

// Queries is how many queries' anchors are kept, the least recently used
// dropped first: every filter and sort the window offers (about 50), at
// most a thousand keys each for a register of 100,000 cases.
const Queries = 64

// Key is the sort value and id of one row of the register.
type Key struct {
	Value any
	ID    int64
}

// Scan reads the keys of up to limit rows of a query, in its order, after
// the row whose key is from (nil: from the first row), calling each for
// every row read.
type Scan func(ctx context.Context, from *Key, limit int, each func(Key)) error

// Query is one filter and order of the register as a store pages it.
type Query struct {
	// ID is the query's text and parameters: two queries with the same ID
	// have the same rows in the same order in the same register.
	ID string
	// Version changes whenever the register does (the newest audit entry:
	// every write adds one in its own transaction, also from elsewhere).
	Version func(context.Context) (int64, error)
	Scan    Scan
}

// anchorList is what is known of one query's order: keys[i] is the key of
// row (i+1)*Stride-1, the row just before position (i+1)*Stride; complete
// is set once a scan has reached the last row.
type anchorList struct {
	mu       sync.Mutex
	keys     []Key
	complete bool
}

// Cache keeps the anchors of the queries most recently paged through. An
// entry is keyed by the query's ID and the register's version, so a write
// makes new keys. The zero Cache is ready to use.
type Cache struct {
	mu      sync.Mutex
	entries map[string]*anchorList
	order   []string // oldest first
}

func (c *Cache) get(key string) *anchorList {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[string]*anchorList{}
	}
	if l, ok := c.entries[key]; ok {
		for i, k := range c.order { // most recently used last
			if k == key {
				c.order = append(append(c.order[:i:i], c.order[i+1:]...), key)
				break
			}
		}
		return l
	}
	if len(c.order) >= Queries {
		delete(c.entries, c.order[0])
		c.order = c.order[1:]
	}
	l := &anchorList{}
	c.entries[key] = l
	c.order = append(c.order, key)
	return l
}

// Start is where the page of q at offset begins: the key of the row before
// the nearest remembered position at or below offset, and how many rows to
// skip after it (less than a page). A nil key with skip = offset means the
// rows end before the nearest position, or the page is the first one.
func (c *Cache) Start(ctx context.Context, q Query, offset int) (*Key, int, error) {
	if offset < Stride {
		return nil, offset, nil
	}
	version, err := q.Version(ctx)
	if err != nil {
		return nil, 0, err
	}
	l := c.get(q.ID + "|" + strconv.FormatInt(version, 10))
	want := offset/Stride - 1 // index of the key needed
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.learn(ctx, q.Scan, want); err != nil {
		return nil, 0, err
	}
	if want >= len(l.keys) {
		// Past the last row: the page is empty, read from the last key.
		if len(l.keys) == 0 {
			return nil, offset, nil
		}
		last := l.keys[len(l.keys)-1]
		return &last, offset - len(l.keys)*Stride, nil
	}
	k := l.keys[want]
	return &k, offset - (want+1)*Stride, nil
}

// learn reads the keys of the query's rows in order, from the last one
// known, until l holds keys[want] or the rows end.
func (l *anchorList) learn(ctx context.Context, scan Scan, want int) error {
	if want < len(l.keys) || l.complete {
		return nil
	}
	var from *Key
	if len(l.keys) > 0 {
		from = &l.keys[len(l.keys)-1]
	}
	need := (want + 1 - len(l.keys)) * Stride
	n := 0
	var learnt []Key
	err := scan(ctx, from, need, func(k Key) {
		n++
		if n%Stride == 0 {
			learnt = append(learnt, k)
		}
	})
	if err != nil {
		return err // nothing half-learnt is kept
	}
	l.keys = append(l.keys, learnt...)
	if n < need {
		l.complete = true
	}
	return nil
}
